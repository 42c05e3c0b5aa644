package dev.gitblog.feed.events;

import dev.gitblog.events.FeedDocument;

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
 */
public final class FeedPublications {

    /** One record to send: {@code document == null} is a tombstone for {@code path}. */
    public record Outgoing(String path, FeedDocument document) {
        public boolean tombstone() {
            return document == null;
        }
    }

    private final Map<String, FeedDocument> published = new HashMap<>();

    /** A record read back from the topic (start-up load); {@code document == null} is a tombstone. */
    public synchronized void loaded(String path, FeedDocument document) {
        record(new Outgoing(path, document));
    }

    /** The records to send for {@code built} (feed path to document), {@code atom} last. */
    public synchronized List<Outgoing> plan(Map<String, FeedDocument> built) {
        List<Outgoing> out = new ArrayList<>();
        for (FeedDocument doc : built.values()) {
            if (doc.feedPath().equals(FeedDocument.LAST_FEED_PATH)) {
                continue;
            }
            FeedDocument old = published.get(doc.feedPath());
            if (old == null || !Objects.equals(old.body(), doc.body()) || !Objects.equals(old.mediaType(), doc.mediaType())) {
                out.add(new Outgoing(doc.feedPath(), doc));
            }
        }
        published.keySet().stream().filter(p -> !built.containsKey(p)).sorted()
                .forEach(p -> out.add(new Outgoing(p, null)));
        FeedDocument atom = built.get(FeedDocument.LAST_FEED_PATH);
        if (atom != null) {
            FeedDocument old = published.get(FeedDocument.LAST_FEED_PATH);
            boolean same = old != null && Objects.equals(old.revision(), atom.revision())
                    && Objects.equals(old.body(), atom.body());
            if (!same) {
                out.add(new Outgoing(FeedDocument.LAST_FEED_PATH, atom));
            }
        }
        return out;
    }

    /** Remembers a record as sent (acknowledged). */
    public synchronized void record(Outgoing sent) {
        if (sent.tombstone()) {
            published.remove(sent.path());
        } else {
            published.put(sent.path(), sent.document());
        }
    }

    public synchronized Optional<FeedDocument> get(String path) {
        return Optional.ofNullable(published.get(path));
    }

    /** Every published feed, by path. */
    public synchronized List<FeedDocument> all() {
        return published.values().stream().sorted(Comparator.comparing(FeedDocument::feedPath)).toList();
    }

    public synchronized int size() {
        return published.size();
    }

    /** For tests and health: a copy. */
    synchronized Map<String, FeedDocument> snapshot() {
        return new HashMap<>(published);
    }
}
