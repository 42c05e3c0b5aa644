package dev.gitblog.feed.events;

import dev.gitblog.events.FeedDocument;
import dev.gitblog.feed.feed.BuiltFeed;
import dev.gitblog.feed.feed.DeflatedText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What this process has on {@code feed.documents} (loaded at start, then what it sent), and which
 * records a newly built set of feeds needs: every feed whose body or media type differs, a tombstone
 * for every feed that no longer exists, and {@code atom} last and always (it tells the gateway that
 * the revision is done) unless the very same atom of the same revision is already there. Thread-safe.
 * <p>
 * Bodies are compared by their {@link BuiltFeed.Digest}, and a published body is kept deflated (for
 * {@code GET /api/feeds/{path}}): at 5,000 posts the 126 feeds are 24 MB of text, which this process used to hold
 * whole, here and in the builder, and which put its RSS at the 256 MB line.
 */
public final class FeedPublications {

    /**
     * One record to send: {@code document == null} is a tombstone for {@code path}; {@code digest} is its body's
     * (null for a tombstone).
     */
    public record Outgoing(String path, FeedDocument document, BuiltFeed.Digest digest) {
        public boolean tombstone() {
            return document == null;
        }
    }

    /** What is kept of a published feed: the document without its body, the body deflated, its digest. */
    private record Kept(FeedDocument withoutBody, byte[] deflatedBody, BuiltFeed.Digest digest) {

        static Kept of(Outgoing sent) {
            return new Kept(sent.document().withBody(""), DeflatedText.deflate(sent.document().body()), sent.digest());
        }

        FeedDocument document() {
            return withoutBody.withBody(DeflatedText.inflate(deflatedBody));
        }

        boolean sameBody(BuiltFeed feed) {
            return digest.equals(feed.digest()) && withoutBody.mediaType().equals(feed.withoutBody().mediaType());
        }
    }

    private final Map<String, Kept> published = new HashMap<>();

    /** A record read back from the topic (start-up load); {@code document == null} is a tombstone. */
    public synchronized void loaded(String path, FeedDocument document) {
        record(new Outgoing(path, document, document == null ? null : BuiltFeed.Digest.of(document.body())));
    }

    /** The records to send for {@code built} (feed path to feed), {@code atom} last. */
    public synchronized List<Outgoing> plan(Map<String, BuiltFeed> built) {
        List<Outgoing> out = new ArrayList<>();
        for (BuiltFeed feed : built.values()) {
            if (feed.path().equals(FeedDocument.LAST_FEED_PATH)) {
                continue;
            }
            Kept old = published.get(feed.path());
            if (old == null || !old.sameBody(feed)) {
                out.add(new Outgoing(feed.path(), feed.document(), feed.digest()));
            }
        }
        published.keySet().stream().filter(p -> !built.containsKey(p)).sorted()
                .forEach(p -> out.add(new Outgoing(p, null, null)));
        BuiltFeed atom = built.get(FeedDocument.LAST_FEED_PATH);
        if (atom != null) {
            Kept old = published.get(FeedDocument.LAST_FEED_PATH);
            boolean same = old != null && Objects.equals(old.withoutBody().revision(), atom.withoutBody().revision())
                    && old.sameBody(atom);
            if (!same) {
                out.add(new Outgoing(FeedDocument.LAST_FEED_PATH, atom.document(), atom.digest()));
            }
        }
        return out;
    }

    /** Remembers a record as sent (acknowledged). */
    public synchronized void record(Outgoing sent) {
        if (sent.tombstone()) {
            published.remove(sent.path());
        } else {
            published.put(sent.path(), Kept.of(sent));
        }
    }

    /** A published feed, with its body. */
    public synchronized Optional<FeedDocument> get(String path) {
        return Optional.ofNullable(published.get(path)).map(Kept::document);
    }

    /** Every published feed by path, each with an empty body (the list of them shows no bodies). */
    public synchronized List<FeedDocument> all() {
        return published.values().stream().map(Kept::withoutBody)
                .sorted(Comparator.comparing(FeedDocument::feedPath)).toList();
    }

    public synchronized int size() {
        return published.size();
    }

}
