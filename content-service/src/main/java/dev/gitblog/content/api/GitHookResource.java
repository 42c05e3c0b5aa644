package dev.gitblog.content.api;

import dev.gitblog.content.config.BlogConfig;
import dev.gitblog.content.ingest.IngestService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** {@code POST /hooks/git}: an authenticated push notification; schedules a (coalesced) fetch. */
@Path("/hooks/git")
public class GitHookResource {

    @Inject
    BlogConfig config;

    @Inject
    IngestService ingest;

    @Inject
    MeterRegistry registry;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_PLAIN, "application/problem+json"})
    @Operation(summary = "Push webhook: HMAC-SHA256 of the body in X-Hub-Signature-256 (GitHub, Gitea, Forgejo),"
            + " or the secret as a bearer token or in X-Gitlab-Token (GitLab); any push payload")
    @APIResponse(responseCode = "202", description = "fetch scheduled", content = @Content(
            mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "401", description = "missing or wrong signature, or no secret configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body larger than blog.hook.max-body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response hook(InputStream body,
                         @HeaderParam("X-Hub-Signature-256") String signature,
                         @HeaderParam("Authorization") String authorization,
                         @HeaderParam("X-Gitlab-Token") String gitlabToken,
                         @HeaderParam("Content-Length") Long contentLength,
                         @Context HttpServerRequest request) throws IOException {
        // exactly this path: JAX-RS would also route /hooks/git;x or /hooks/git/ here, and a signed body
        // replayed to another path must not count as a push
        if (!"/hooks/git".equals(request.path())) {
            return outcome(Response.Status.NOT_FOUND, "rejected", "no hook at this path");
        }
        int max = config.hook().maxBody();
        if (contentLength != null && contentLength > max) {
            return outcome(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "body larger than " + max + " bytes");
        }
        byte[] bytes = readAtMost(body, max);
        if (bytes == null) {
            return outcome(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too_large", "body larger than " + max + " bytes");
        }
        if (!HookAuthenticator.accepts(config.hookSecret().orElse(null), bytes, signature, authorization,
                gitlabToken)) {
            return outcome(Response.Status.UNAUTHORIZED, "rejected", "missing or invalid signature");
        }
        ingest.requestSync();
        return outcome(Response.Status.ACCEPTED, "accepted", "fetch scheduled");
    }

    /** A 2xx answer is a line of text; an error is a problem+json body (RFC 9457). */
    private Response outcome(Response.Status status, String outcome, String text) {
        registry.counter("content.hooks", "outcome", outcome).increment();
        if (status.getFamily() == Response.Status.Family.SUCCESSFUL) {
            return Response.status(status).entity(text + "\n").type(MediaType.TEXT_PLAIN).build();
        }
        return Problem.of(status.getStatusCode(), text, "/hooks/git").response().build();
    }

    /** The body, or null when it has more than {@code max} bytes. */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
