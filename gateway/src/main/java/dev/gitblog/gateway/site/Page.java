package dev.gitblog.gateway.site;

import dev.gitblog.gateway.http.Validators;

import java.time.Instant;
import java.util.Objects;

/**
 * One composed response, ready to write: the bytes and a precompressed gzip variant ({@link Content}: in the
 * heap or a file of the page store), a strong ETag of the bytes and Last-Modified, with every header value a
 * request writes formatted once here (ETag of each variant, Last-Modified as an HTTP date, Content-Length).
 * Immutable but for the gzip variant, which a large build adds once the revision is served ({@link GzipVariant});
 * built once when a revision arrives, never on a request.
 */
public final class Page {

    private final String contentType;
    private final Content identity;
    private final GzipVariant gzip;
    private final String etag;
    private final String gzipEtag;
    private final Instant lastModified;
    private final String lastModifiedHeader;
    private final String identityLength;

    private Page(String contentType, Content identity, GzipVariant gzip, Instant lastModified) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.gzip = Objects.requireNonNull(gzip, "gzip");
        this.etag = "\"" + identity.name() + "\"";
        this.gzipEtag = Validators.gzipEtag(etag);
        this.lastModified = lastModified;
        this.lastModifiedHeader = lastModified == null ? null : Validators.httpDate(lastModified);
        this.identityLength = Long.toString(identity.length());
    }

    /** A page held in the heap (tests, and the page store turned off). */
    public static Page of(String contentType, byte[] body, Instant lastModified) {
        return of(contentType, ContentStore.IN_HEAP.putPage(body), lastModified);
    }

    /** A page whose bytes and gzip variant the store already holds. */
    public static Page of(String contentType, ContentStore.PageFiles files, Instant lastModified) {
        return new Page(contentType, files.identity(), files.variant(), lastModified);
    }

    /** The same bytes with another Last-Modified (a listing whose newest member changed date only). */
    public Page withLastModified(Instant t) {
        return Objects.equals(t, lastModified) ? this : new Page(contentType, identity, gzip, t);
    }

    /** Full Content-Type header value ({@code text/html; charset=UTF-8}). */
    public String contentType() {
        return contentType;
    }

    /** The bytes (read from the page store when they are there). */
    public byte[] body() {
        return identity.bytes();
    }

    /** The gzip variant's bytes, or null when there is none (yet). */
    public byte[] gzipBody() {
        Content c = gzip.content();
        return c == null ? null : c.bytes();
    }

    public Content identity() {
        return identity;
    }

    /** The gzip variant, or null when there is none (yet). */
    public Content gzip() {
        return gzip.content();
    }

    /** The gzip variant with its Content-Length header value, read at once; null when there is none (yet). */
    public GzipVariant.Stored gzipStored() {
        return gzip.stored();
    }

    /** Strong, quoted validator computed from the bytes. */
    public String etag() {
        return etag;
    }

    /** The ETag of the gzip variant ({@link Validators#gzipEtag}). */
    public String gzipEtag() {
        return gzipEtag;
    }

    /** The newest {@code updated} involved, or the head commit date. */
    public Instant lastModified() {
        return lastModified;
    }

    /** {@link #lastModified} as an HTTP date, or null. */
    public String lastModifiedHeader() {
        return lastModifiedHeader;
    }

    /** Content-Length of the identity bytes. */
    public String identityLength() {
        return identityLength;
    }

}
