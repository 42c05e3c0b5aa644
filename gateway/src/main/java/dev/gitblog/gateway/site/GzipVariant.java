package dev.gitblog.gateway.site;

/**
 * A page's gzip variant: stored with the page, or still to be made. A large build (a first composition, a
 * replica's catch-up, a push of a whole history) stores its pages first and their gzip variants after the
 * revision is served ({@code pages.PageStore}); until a variant is {@link #set}, the page goes out as it is
 * to every client. Set at most once; every copy of a page (another Last-Modified) shares its variant.
 *
 * <p>Thread-safe: the variant and its formatted Content-Length are one value, read in one step.
 */
public final class GzipVariant {

    /** The variant and its Content-Length header value. */
    public record Stored(Content content, String length) {
    }

    private volatile Stored stored;

    private GzipVariant(Content content) {
        this.stored = content == null ? null : stored(content);
    }

    /** A variant already stored; {@code null} gives a page without one. */
    public static GzipVariant of(Content content) {
        return new GzipVariant(content);
    }

    /** A variant to be {@link #set} later. */
    public static GzipVariant later() {
        return new GzipVariant(null);
    }

    /** The variant as it is now, or null while there is none. */
    public Stored stored() {
        return stored;
    }

    /** The variant's content now, or null. */
    public Content content() {
        Stored s = stored;
        return s == null ? null : s.content();
    }

    /** Sets the variant once made; nothing changes if it was already there. */
    public synchronized void set(Content content) {
        if (stored == null) {
            stored = stored(content);
        }
    }

    private static Stored stored(Content content) {
        return new Stored(content, Long.toString(content.length()));
    }
}
