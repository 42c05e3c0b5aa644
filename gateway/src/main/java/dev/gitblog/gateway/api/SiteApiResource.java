package dev.gitblog.gateway.api;

import dev.gitblog.gateway.api.ApiViews.ArticleDetail;
import dev.gitblog.gateway.api.ApiViews.ArticleSummary;
import dev.gitblog.gateway.api.ApiViews.Counts;
import dev.gitblog.gateway.api.ApiViews.SiteView;
import dev.gitblog.gateway.api.ApiViews.TagView;
import dev.gitblog.gateway.config.GatewayConfig;
import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.AssemblyStatus;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteSnapshot.ArticleView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The JSON API over the served snapshot: site facts, articles (filtered, paged, newest first), tags. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "site", description = "The blog as data, from the revision being served")
public class SiteApiResource {

    private final SnapshotHolder holder;
    private final GatewayConfig config;
    private final AtomicReference<ByPath> index = new AtomicReference<>();

    public SiteApiResource(SnapshotHolder holder, GatewayConfig config) {
        this.holder = holder;
        this.config = config;
    }

    @GET
    @Path("/site")
    @Operation(operationId = "getSite",
            summary = "Blog name, root, index page, served and newest revision, counts and warnings")
    @APIResponse(responseCode = "200", description = "the site; an ETag once the newest revision is served",
            headers = @Header(ref = "ETag"),
            content = @Content(schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", description = "no revision is served yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SiteView site() {
        SiteSnapshot s = snapshot();
        AssemblyStatus status = holder.assemblyStatus();
        String newest = holder.newestMarkerRevision();
        int statics = s.statics().size();
        Counts counts = new Counts(s.articles().size(), s.tags().size(), s.pages().size(), s.redirects().size(), statics,
                s.site() == null ? 0 : s.site().brokenLinkCount());
        List<String> warnings = s.site() == null ? List.of() : s.site().warnings();
        List<String> waiting = status == null ? List.of() : status.waitingFor();
        SiteSnapshot.SiteInfo info = s.site();
        return new SiteView(info == null ? null : info.blogName(), info == null ? null : info.root(),
                info == null ? null : info.indexPage(), info == null ? null : info.feedId(),
                info == null ? List.of() : info.navItems(), s.revision(), ApiViews.iso(s.commitTime()),
                newest == null ? s.revision() : newest, newest == null || newest.equals(s.revision()),
                counts, warnings, waiting);
    }

    @GET
    @Path("/articles")
    @Operation(operationId = "listArticles",
            summary = "Articles, newest first, optionally filtered by tag and section (first path segment), paged")
    @APIResponse(responseCode = "200", description = "one page of articles; X-Total-Count and Link tell the rest",
            headers = {
                    @Header(name = "X-Total-Count", description = "articles that match, on all pages",
                            schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "Link", description = "RFC 8288 links to the next and previous page, "
                            + "rel=\"next\" and rel=\"prev\"", schema = @Schema(type = SchemaType.STRING)),
                    @Header(ref = "ETag")},
            content = @Content(schema = @Schema(implementation = ArticleSummary[].class)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @APIResponse(responseCode = "400", description = "invalid paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response articles(
            @Parameter(description = "only articles classified under this tag (exact)") @QueryParam("tag") String tag,
            @Parameter(description = "only articles whose first path segment is this") @QueryParam("section") String section,
            @Parameter(description = "1-based page number",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("page") String page,
            @Parameter(description = "articles per page (capped at blog.api.max-page-size)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("size") String size,
            @Context UriInfo uri) {
        int p = number("page", page, 1);
        int n = number("size", size, config.api().defaultPageSize());
        if (p < 1) {
            throw new ProblemException(400, "page must be 1 or more, not " + p);
        }
        if (n < 1) {
            throw new ProblemException(400, "size must be 1 or more, not " + n);
        }
        n = Math.min(n, config.api().maxPageSize());
        SiteSnapshot s = snapshot();
        List<ArticleView> matching = new ArrayList<>();
        for (ArticleView a : s.articles()) {
            if (tag != null && (a.tags() == null || !a.tags().contains(tag))) {
                continue;
            }
            if (section != null && !section.equals(section(a.path()))) {
                continue;
            }
            matching.add(a);
        }
        long from = (long) (p - 1) * n;
        List<ArticleSummary> items = new ArrayList<>();
        for (long i = from; i < Math.min(matching.size(), from + n); i++) {
            items.add(ArticleSummary.of(matching.get((int) i)));
        }
        Response.ResponseBuilder response = Response.ok(items).header("X-Total-Count", matching.size());
        List<String> links = new ArrayList<>();
        if (from + n < matching.size()) {
            links.add("<" + uri.getRequestUriBuilder().replaceQueryParam("page", p + 1)
                    .replaceQueryParam("size", n).build() + ">; rel=\"next\"");
        }
        if (p > 1) {
            links.add("<" + uri.getRequestUriBuilder().replaceQueryParam("page", p - 1)
                    .replaceQueryParam("size", n).build() + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            response.header("Link", String.join(", ", links));
        }
        return response.build();
    }

    @GET
    @Path("/articles/{path: .+}")
    @Operation(operationId = "getArticle", summary = "One article with its rendered body")
    @APIResponse(responseCode = "200", description = "the article", headers = @Header(ref = "ETag"),
            content = @Content(schema = @Schema(implementation = ArticleDetail.class)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    @APIResponse(responseCode = "404", description = "no article at that path",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ArticleDetail article(@Parameter(description = "site path, e.g. Posts/ARP") @PathParam("path") String path) {
        SiteSnapshot s = snapshot();
        ArticleView a = byPath(s).get(path);
        if (a == null) {
            throw new ProblemException(404, "no article at " + path + " in revision " + s.revision());
        }
        return ArticleDetail.of(a, s.site() == null ? List.of() : s.site().brokenLinks().getOrDefault(a.path(), List.of()));
    }

    @GET
    @Path("/tags")
    @Operation(operationId = "listTags", summary = "Every tag with its number of articles and its page, in byte order")
    @APIResponse(responseCode = "200", description = "the tags", headers = @Header(ref = "ETag"),
            content = @Content(schema = @Schema(implementation = TagView[].class)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public List<TagView> tags() {
        SiteSnapshot s = snapshot();
        List<TagView> out = new ArrayList<>(s.tags().size());
        s.tags().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(dev.gitblog.events.ArticleOrder.BYTE_ORDER))
                .forEach(e -> out.add(TagView.of(e.getKey(), e.getValue())));
        return out;
    }

    private static int number(String name, String value, int dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(400, name + " must be a whole number, not '" + value + "'");
        }
    }

    private SiteSnapshot snapshot() {
        return holder.current().orElseThrow(() ->
                new ProblemException(503, "no revision is served yet: the gateway is still catching up"));
    }

    static String section(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private Map<String, ArticleView> byPath(SiteSnapshot s) {
        ByPath current = index.get();
        if (current == null || current.snapshot != s) {
            Map<String, ArticleView> map = new HashMap<>();
            for (ArticleView a : s.articles()) {
                map.put(a.path(), a);
            }
            current = new ByPath(s, map);
            index.set(current);
        }
        return current.articles;
    }

    private record ByPath(SiteSnapshot snapshot, Map<String, ArticleView> articles) {
    }
}
