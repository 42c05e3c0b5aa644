package dev.gitblog.gateway.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * Where composed pages (bytes and gzip variant) and fragment bodies are kept. {@link #IN_HEAP} keeps them
 * as byte arrays (as the gateway always did; the unit tests use it); {@code pages.PageStore} writes them to
 * content-addressed files.
 */
public interface ContentStore {

    /**
     * A page body and its gzip variant (named {@code <name>.gz}), which a large build stores after the revision
     * is served ({@link GzipVariant}).
     */
    record PageFiles(Content identity, GzipVariant variant) {
        /** A page whose gzip variant is stored with it ({@code null}: none). */
        public PageFiles(Content identity, Content gzip) {
            this(identity, GzipVariant.of(gzip));
        }

        /** The gzip variant as it is now: null while it is still to be made. */
        public Content gzip() {
            return variant.content();
        }
    }

    /** Stores a page: its bytes and a gzip variant; the same bytes give the same names. */
    PageFiles putPage(byte[] body);

    /** Stores bytes that are not served by themselves (a fragment's body HTML). */
    Content putBytes(byte[] bytes);

    /**
     * Starts a build: the pages stored until the returned handle is closed make one revision's composition,
     * which a store may keep together (the page store appends those of a large build to one pack file).
     */
    default Build startBuild() {
        return Build.NONE;
    }

    /** One build's storing of pages; closing it ends the build. */
    interface Build extends AutoCloseable {
        Build NONE = () -> { };

        @Override
        void close();
    }

    /** Everything in the heap, nothing on disk. */
    ContentStore IN_HEAP = new ContentStore() {
        @Override
        public PageFiles putPage(byte[] body) {
            String name = hashName(body);
            return new PageFiles(new Content.InHeap(name, body), new Content.InHeap(name + ".gz", gzip(body)));
        }

        @Override
        public Content putBytes(byte[] bytes) {
            return new Content.InHeap(hashName(bytes), bytes);
        }
    };

    /** The first 128 bits of SHA-256 in hex: the file name, and (quoted) the strong ETag of a page. */
    static String hashName(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * zlib's level for the gzip variants: on the benchmark's 5,174 pages, level 4 took 1.38 s of CPU where the
     * default (6) took 2.23 s, for 1.3 % more bytes (level 1: 0.93 s, 9.6 % more). Every page of a first
     * composition or a replica's catch-up is compressed once (by the page store after the revision is served).
     */
    int GZIP_LEVEL = 4;

    /** Deterministic gzip (no file name, mtime 0, {@link #GZIP_LEVEL}), so replicas write the same variant. */
    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(GZIP_LEVEL);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
