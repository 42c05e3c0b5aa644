package dev.gitblog.gateway.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the JSON API leaves as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problem.of(e.status(), e.getMessage(), uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "this resource answers application/json";
            case 415 -> "unsupported media type";
            default -> e.getMessage();
        };
        return Problem.of(status, detail, uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof WebApplicationException w) {
            return webApplication(w, uri);
        }
        if (e instanceof ProblemException p) {
            return problem(p, uri);
        }
        LOG.errorf(e, "API request %s failed", uri.getPath());
        return Problem.of(500, "internal error", uri.getPath()).toResponse();
    }
}
