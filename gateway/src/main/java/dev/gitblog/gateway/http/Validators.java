package dev.gitblog.gateway.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * HTTP conditional requests (RFC 9110 §13): {@code If-None-Match} against an entity tag and
 * {@code If-Modified-Since} against Last-Modified. Pure functions, so the rules are unit-tested.
 */
public final class Validators {

    private Validators() {
    }

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String httpDate(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
    }

    /** Parses an HTTP date; null when it is not one (then the header is ignored, as RFC 9110 says). */
    public static Instant parseHttpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * True when the response may be a 304.
     *
     * @param ifNoneMatch     the request header or null
     * @param ifModifiedSince the request header or null (ignored when If-None-Match is present)
     * @param etags           the entity tags that stand for this resource (the identity and the gzip variant)
     * @param lastModified    the resource's Last-Modified, or null
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, Instant lastModified,
                                      String... etags) {
        if (ifNoneMatch != null) {
            return matchesAny(ifNoneMatch, etags);
        }
        if (ifModifiedSince != null && lastModified != null) {
            Instant since = parseHttpDate(ifModifiedSince);
            return since != null && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        }
        return false;
    }

    /** If-None-Match uses the weak comparison: {@code W/"x"} matches {@code "x"}; {@code *} matches all. */
    static boolean matchesAny(String header, String... etags) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            for (String etag : etags) {
                if (etag != null && c.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The entity tag of the gzip variant: a strong tag must differ per content-coding. */
    public static String gzipEtag(String etag) {
        if (etag.endsWith("\"")) {
            return etag.substring(0, etag.length() - 1) + "-gzip\"";
        }
        return etag + "-gzip";
    }

    /** True when {@code Accept-Encoding} allows gzip (a {@code q=0} refuses it). */
    public static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] bits = part.trim().split(";");
            String coding = bits[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                double q = 1.0;
                for (int i = 1; i < bits.length; i++) {
                    String p = bits[i].trim();
                    if (p.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (q > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
