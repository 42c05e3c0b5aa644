package dev.gitblog.gateway.api;

/** Thrown by API code to answer with a {@link Problem}. */
public class ProblemException extends RuntimeException {

    private final int status;

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
