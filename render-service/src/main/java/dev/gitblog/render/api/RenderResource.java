package dev.gitblog.render.api;

import dev.gitblog.events.EventCodec;
import dev.gitblog.render.events.PublishedFragments;
import dev.gitblog.render.render.Flavor;
import dev.gitblog.render.render.FragmentRenderer;
import dev.gitblog.render.render.RenderedMarkdown;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Preview rendering and a look at published fragments. Thin: everything happens in {@link FragmentRenderer}. */
@Path("/api")
public class RenderResource {

    static final String TEXT_MARKDOWN = "text/markdown";
    static final String HTML_UTF8 = "text/html; charset=UTF-8";

    @Inject
    FragmentRenderer renderer;

    @Inject
    PublishedFragments published;

    @Inject
    MeterRegistry registry;

    @POST
    @Path("/render")
    @Consumes({TEXT_MARKDOWN, MediaType.TEXT_PLAIN})
    @Produces(HTML_UTF8)
    @Operation(summary = "Render markdown the way articles are rendered",
            description = "Same options and limits as the article pipeline. 413 when the input is over "
                    + "blog.render.max-bytes, 422 with an HTML notice when rendering failed otherwise.")
    public Response render(String markdown,
                           @Parameter(description = "commonmark (default) or gfm") @QueryParam("flavor") String flavor) {
        Timer.Sample sample = Timer.start(registry);
        RenderedMarkdown r = renderer.render(markdown == null ? "" : markdown, null, Flavor.of(flavor));
        sample.stop(registry.timer("render.duration", "source", "preview"));
        if (!r.failed()) {
            return Response.ok(r.bodyHtml(), HTML_UTF8).build();
        }
        int status = r.error().contains("bytes long, over the limit") ? 413 : 422;
        return Response.status(status).type(HTML_UTF8).entity(r.bodyHtml()).header("X-Render-Error", r.error()).build();
    }

    @GET
    @Path("/fragments/{path: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The last fragment this process published for an article path")
    public Response fragment(@PathParam("path") String path) {
        return published.lastPublished(path)
                .map(f -> Response.ok(EventCodec.encode(f), MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN)
                        .entity("no fragment published for " + path + " by this process\n").build());
    }
}
