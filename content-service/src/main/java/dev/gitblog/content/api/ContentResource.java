package dev.gitblog.content.api;

import dev.gitblog.content.ingest.ContentSnapshot;
import dev.gitblog.content.ingest.IngestService;
import dev.gitblog.content.ingest.IngestStatus;
import dev.gitblog.content.links.LinkReportService;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.LocalLinks;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The content API: entries of the published revision, static blobs by hash, the revision status. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "content", description = "The published revision as git sees it: entries, status, static files")
public class ContentResource {

    private static final Pattern HASH = Pattern.compile("^[0-9a-fA-F]{40}$");
    private static final int SMALL_BLOB = 1024 * 1024;

    @Inject
    IngestService ingest;

    @Inject
    LinkReportService linkReport;

    @GET
    @Path("/entries")
    @Operation(operationId = "listEntries",
            summary = "Every entry of the published revision, with kind, dates, and for INVALID the reason",
            description = "An article's warnings also name each of its local links and images that points to no "
                    + "page, static file or redirect of the revision, as written and as resolved")
    @APIResponse(responseCode = "200", description = "the entries",
            content = @Content(schema = @Schema(implementation = Entry[].class)))
    @APIResponse(responseCode = "400", description = "kind is not an entry kind", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "no revision published yet", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Entry> entries(@QueryParam("kind") @Parameter(description = "only this kind") EntryKind kind) {
        ContentSnapshot s = current();
        List<Entry> out = s.entries().values().stream().filter(e -> kind == null || e.kind() == kind).toList();
        if (out.stream().noneMatch(e -> e.kind() == EntryKind.ARTICLE)) {
            return out;
        }
        Map<String, List<LocalLinks.Broken>> broken = linkReport.broken(s);
        return out.stream().map(e -> LinkReportService.withWarnings(e, broken)).toList();
    }

    @GET
    @Path("/entries/{path: .+}")
    @Operation(operationId = "getEntry", summary = "One entry by site path, e.g. Posts/ARP or static/css/style.css")
    @APIResponse(responseCode = "200", description = "the entry",
            content = @Content(schema = @Schema(implementation = Entry.class)))
    @APIResponse(responseCode = "404", description = "no such path in the published revision", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "no revision published yet", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Entry entry(@PathParam("path") String path) {
        ContentSnapshot s = current();
        Entry e = s.entries().get(path);
        if (e == null) {
            throw new WebApplicationException(
                    Problem.of(404, "no entry " + path, "/api/entries/" + path).response().build());
        }
        return e.kind() == EntryKind.ARTICLE ? LinkReportService.withWarnings(e, linkReport.broken(s)) : e;
    }

    @GET
    @Path("/revision")
    @Operation(operationId = "getRevision", summary = "The published revision, counts by kind, last fetch time and error")
    @APIResponse(responseCode = "200", description = "the revision status (all null before the first publish)",
            content = @Content(schema = @Schema(implementation = RevisionStatus.class)))
    @APIResponse(responseCode = "406", description = "this resource answers application/json only")
    public RevisionStatus revision() {
        ContentSnapshot s = ingest.snapshot();
        IngestStatus st = ingest.status();
        Map<EntryKind, Integer> counts = s == null ? Map.of() : s.countsByKind();
        return new RevisionStatus(s == null ? null : s.revision(), s == null ? null : s.previousRevision(),
                s == null ? null : s.commitTime(), s == null ? null : s.publishedAt(),
                s == null ? 0 : s.entries().size(), counts, st.source(), st.branch(), st.lastFetchAt(),
                st.lastError(), st.lastErrorAt(), st.initialPublished());
    }

    @GET
    @Path("/blobs/{hash}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "getBlob", summary = "The bytes of a static file of the published revision, by git blob id")
    @APIResponse(responseCode = "200", description = "the bytes, with the file's media type; ETag is the blob id",
            content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "If-None-Match named this blob")
    @APIResponse(responseCode = "400", description = "not a 40-hex-digit blob id", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not a static file of the published revision", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response blob(@PathParam("hash") String hash, @HeaderParam("If-None-Match") String ifNoneMatch)
            throws IOException {
        if (!HASH.matcher(hash).matches()) {
            return Problem.of(400, "expected a 40-hex-digit blob id", "/api/blobs/" + hash).response().build();
        }
        String id = hash.toLowerCase(Locale.ROOT);
        ContentSnapshot s = ingest.snapshot();
        Entry entry = s == null ? null : s.staticByHash().get(id);
        Repository repo = ingest.repository();
        if (entry == null || repo == null) {
            return Problem.of(404, "no static file with blob id " + id, "/api/blobs/" + id).response().build();
        }
        String etag = "\"" + id + "\"";
        Response.ResponseBuilder ok;
        if (etag.equals(ifNoneMatch)) {
            ok = Response.notModified();
        } else if (ingest.workTreeFile(id) != null) { // preview: a static file not committed yet
            ok = Response.ok(java.nio.file.Files.readAllBytes(ingest.workTreeFile(id)));
            ok.type(entry.staticAsset().mediaType());
        } else {
            ObjectLoader loader = repo.open(ObjectId.fromString(id), Constants.OBJ_BLOB);
            if (loader.getSize() <= SMALL_BLOB) {
                ok = Response.ok(loader.getCachedBytes());
            } else {
                StreamingOutput stream = out -> {
                    try (InputStream in = loader.openStream()) {
                        in.transferTo(out);
                    }
                };
                ok = Response.ok(stream).header("Content-Length", loader.getSize());
            }
            ok.type(entry.staticAsset().mediaType());
        }
        return ok.header("ETag", etag).header("Cache-Control", "public, max-age=31536000, immutable").build();
    }

    private ContentSnapshot current() {
        ContentSnapshot s = ingest.snapshot();
        if (s == null) {
            throw new WebApplicationException(Problem.of(503, "no revision published yet", null).response()
                    .header("Retry-After", "5").build());
        }
        return s;
    }
}
