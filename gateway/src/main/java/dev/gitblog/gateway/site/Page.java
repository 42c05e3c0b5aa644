package dev.gitblog.gateway.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One composed response, ready to write: bytes, a precompressed gzip variant, a strong ETag of the
 * bytes and Last-Modified. Immutable; built once when a revision arrives, never on a request.
 *
 * @param contentType  full Content-Type header value ({@code text/html; charset=UTF-8})
 * @param body         the bytes
 * @param gzipBody     the same bytes gzip-compressed (served when the client accepts gzip)
 * @param etag         strong, quoted validator computed from {@code body}
 * @param lastModified the newest {@code updated} involved, or the head commit date
 */
public record Page(String contentType, byte[] body, byte[] gzipBody, String etag, Instant lastModified) {

    public static Page of(String contentType, byte[] body, Instant lastModified) {
        return new Page(contentType, body, gzip(body), strongEtag(body), lastModified);
    }

    static String strongEtag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
