package dev.gitblog.feed.api;

import dev.gitblog.events.FeedDocument;
import dev.gitblog.feed.events.FeedPipeline;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Inspection of the published feeds (the gateway serves them to the public). */
@Path("/api/feeds")
public class FeedResource {

    /** One feed in the list. */
    public record FeedSummary(String path, String revision, String mediaType, int entryCount, List<String> warnings) {
    }

    @Inject
    FeedPipeline pipeline;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every published feed: path, revision, media type, entry count, warnings")
    public List<FeedSummary> list() {
        return pipeline.publications().all().stream()
                .map(d -> new FeedSummary(d.feedPath(), d.revision(), d.mediaType(), d.entryCount(), d.warnings()))
                .toList();
    }

    @GET
    @Path("{path: .+}")
    @Operation(summary = "One feed document, with its media type")
    public Response get(@PathParam("path") String path) {
        return pipeline.publications().get(path)
                .map(FeedResource::document)
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                        .entity("no feed " + path).build());
    }

    private static Response document(FeedDocument d) {
        return Response.ok(d.body()).header("Content-Type", d.mediaType()).build();
    }
}
