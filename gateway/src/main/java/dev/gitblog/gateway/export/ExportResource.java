package dev.gitblog.gateway.export;

import dev.gitblog.gateway.api.Problem;
import dev.gitblog.gateway.api.ProblemException;
import dev.gitblog.gateway.blobs.BlobService;
import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.pages.PageStore;
import dev.gitblog.gateway.pages.SitePages;
import dev.gitblog.gateway.site.ExportArchive;
import dev.gitblog.gateway.site.SiteSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/export}: the served revision as static files in the seed's {@code pages} layout, a
 * gzip'd tar streamed as it is written (docs/FORMAT.md §3.9). Static bytes come from the blob cache, or
 * straight from content-service for files not cached.
 */
@Path("/api/export")
@Tag(name = "export", description = "The site as static files")
public class ExportResource {

    private static final Logger LOG = Logger.getLogger(ExportResource.class);

    private final SnapshotHolder holder;
    private final BlobService blobs;
    private final SitePages pages;

    public ExportResource(SnapshotHolder holder, BlobService blobs, SitePages pages) {
        this.holder = holder;
        this.blobs = blobs;
        this.pages = pages;
    }

    @GET
    @Produces("application/gzip")
    @Operation(operationId = "exportSite", summary = "The served revision as a gzip'd tar in the pages-branch layout")
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "200", description = "the archive; X-Blog-Revision names its revision",
            content = @Content(mediaType = "application/gzip"))
    @APIResponse(responseCode = "503", description = "no revision is served yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@Context HttpServerResponse connection) {
        SiteSnapshot snapshot = holder.current().orElseThrow(() ->
                new ProblemException(503, "no revision is served yet: nothing to export"));
        String revision = snapshot.revision();
        StreamingOutput body = out -> {
            long started = System.nanoTime();
            // the snapshot's files stay however long the client takes, even if a push replaces it meanwhile
            try (PageStore.Pin pin = pages.pin(snapshot.contentNames())) {
                ExportArchive.write(snapshot, blobs::openBlocking, out);
            } catch (IOException | RuntimeException e) {
                // the status line is long gone: break the connection so that no client takes a cut-off
                // archive for a whole one
                LOG.warnf("export of revision %s broke off: %s", revision, e.getMessage());
                connection.reset();
                throw e;
            }
            LOG.infof("exported revision %s: %d pages and %d static files in %d ms",
                    revision.substring(0, Math.min(7, revision.length())), snapshot.exportFiles().size(),
                    snapshot.statics().size(), (System.nanoTime() - started) / 1_000_000);
        };
        String name = "site-" + revision.substring(0, Math.min(12, revision.length())) + ".tar.gz";
        return Response.ok(body, "application/gzip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Blog-Revision", revision)
                .header("Cache-Control", "no-store")
                .build();
    }
}
