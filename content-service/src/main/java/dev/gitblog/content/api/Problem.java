package dev.gitblog.content.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An error body as RFC 9457 {@code application/problem+json}: type, title, status, detail and the request path as
 * {@code instance}, the same shape the gateway's API answers with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String detail, String instance) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return new Problem("about:blank", s != null ? s.getReasonPhrase() : "Error", status, detail, instance);
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
