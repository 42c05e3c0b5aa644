package dev.gitblog.gateway.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The preconditions of a {@code GET} or {@code HEAD} (RFC 9110 §13.2.2), evaluated in the RFC's order and
 * answered the way nginx answers them:
 * <ol>
 *   <li>{@code If-Match} (strong comparison, {@code *} matches any): no match is {@code 412};</li>
 *   <li>else {@code If-Unmodified-Since}: modified after that date is {@code 412};</li>
 *   <li>{@code If-None-Match} (weak comparison): a match is {@code 304};</li>
 *   <li>else {@code If-Modified-Since}: not modified after that date is {@code 304}.</li>
 * </ol>
 * A date that is not an HTTP date is ignored. {@link #rangeApplies} is the fifth step, {@code If-Range}. Pure, so
 * every rule is unit-tested.
 */
public final class ConditionalRequest {

    /** What to answer before looking at the body. */
    public enum Outcome {
        /** Answer as usual (200, 206, ...). */
        PROCEED,
        /** {@code 304 Not Modified}. */
        NOT_MODIFIED,
        /** {@code 412 Precondition Failed}. */
        PRECONDITION_FAILED
    }

    private ConditionalRequest() {
    }

    /**
     * @param ifMatch           the request header or null (likewise the next three)
     * @param ifUnmodifiedSince checked only without If-Match
     * @param ifNoneMatch       checked after the two above
     * @param ifModifiedSince   checked only without If-None-Match
     * @param lastModified      the resource's Last-Modified, or null when it has none
     * @param etags             the quoted entity tags that stand for the resource (each content-coding's)
     */
    public static Outcome evaluate(String ifMatch, String ifUnmodifiedSince, String ifNoneMatch,
                                   String ifModifiedSince, Instant lastModified, String... etags) {
        if (ifMatch != null) {
            if (!strongMatchesAny(ifMatch, etags)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (ifUnmodifiedSince != null && lastModified != null) {
            Instant since = Validators.parseHttpDate(ifUnmodifiedSince);
            if (since != null && seconds(lastModified).isAfter(since)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        return Validators.notModified(ifNoneMatch, ifModifiedSince, lastModified, etags)
                ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
    }

    /**
     * True when a Range header may be honoured: there is no {@code If-Range}, or it names the representation
     * being sent, by its strong entity tag or by exactly its Last-Modified date (RFC 9110 §13.1.5). Otherwise the
     * whole representation goes out as {@code 200}.
     */
    public static boolean rangeApplies(String ifRange, String etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return etag != null && v.equals(etag);
        }
        Instant date = Validators.parseHttpDate(v);
        return date != null && lastModified != null && seconds(lastModified).equals(date);
    }

    /** If-Match uses the strong comparison: a weak tag never matches; {@code *} matches any current resource. */
    static boolean strongMatchesAny(String header, String... etags) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                continue;
            }
            for (String etag : etags) {
                if (etag != null && !etag.startsWith("W/") && c.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }
}
