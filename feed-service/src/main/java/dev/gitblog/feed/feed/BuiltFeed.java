package dev.gitblog.feed.feed;

import dev.gitblog.events.FeedDocument;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * One feed of a build: its document without the body, a digest of the body, and the body on request. A feed
 * that the build wrote holds its text until the build is done with; one that is the same as in the build before
 * is written again only if its body is asked for, which happens when it has to be sent although it did not change
 * (the published copy differs, after a send that failed). So neither the builder nor what is published keeps
 * the text of every feed: at 5,000 posts that was 24 MB of feed-service's heap.
 */
public final class BuiltFeed {

    /** The UTF-8 length, CRC-32C and CRC-32 of a body: equal bodies have equal digests. */
    public record Digest(int length, int crc32c, int crc32) {

        public static Digest of(String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            CRC32C c = new CRC32C();
            c.update(bytes);
            CRC32 d = new CRC32();
            d.update(bytes);
            return new Digest(bytes.length, (int) c.getValue(), (int) d.getValue());
        }
    }

    private final FeedDocument withoutBody;
    private final Digest digest;
    private final Supplier<String> body;

    BuiltFeed(FeedDocument withoutBody, Digest digest, Supplier<String> body) {
        this.withoutBody = withoutBody;
        this.digest = digest;
        this.body = body;
    }

    /** A feed whose body is {@code document}'s own (a document read back, or one made for a test). */
    public static BuiltFeed of(FeedDocument document) {
        String text = document.body();
        return new BuiltFeed(document.withBody(""), Digest.of(text), () -> text);
    }

    public String path() {
        return withoutBody.feedPath();
    }

    /** The document with an empty body: path, revision, media type, entry count, warnings. */
    public FeedDocument withoutBody() {
        return withoutBody;
    }

    public Digest digest() {
        return digest;
    }

    /** The whole document (writes the feed again if this build reused it). */
    public FeedDocument document() {
        return withoutBody.withBody(body.get());
    }
}
