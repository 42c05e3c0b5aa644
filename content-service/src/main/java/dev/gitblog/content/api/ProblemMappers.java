package dev.gitblog.content.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors of the API that leave as exceptions (no such entry, a query parameter that does not parse, a method or
 * media type this service does not answer) leave as {@code application/problem+json}, like the answers the
 * resources build themselves.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response given = e.getResponse();
        int status = given == null ? 500 : given.getStatus();
        if (given != null && given.hasEntity()) {
            return given; // built by a resource, already a problem
        }
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 400 -> "a parameter of the request is not valid";
            case 405 -> "method not allowed here";
            case 406 -> "this resource answers application/json";
            case 415 -> "unsupported media type";
            default -> e.getMessage();
        };
        Response.ResponseBuilder b = Problem.of(status, detail, uri.getPath()).response();
        if (given != null) {
            given.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> b.header(name, v));
                }
            });
        }
        return b.build();
    }
}
