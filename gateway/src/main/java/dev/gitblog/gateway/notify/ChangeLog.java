package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.site.SiteSnapshot;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The recent revisions this gateway swapped in, bounded by count and by bytes of JSON, for {@code Last-Event-ID}
 * resumption and for the notifier, which waits here until the revision of a marker is served (or will never be).
 * The first snapshot of a process is the base: no event (nothing was served before it), but a stream can resume
 * from it. Thread-safe.
 */
public final class ChangeLog {

    /** A change event and its JSON, written once. */
    public record Published(ChangeEvent event, byte[] json) {
    }

    /** What a new stream starts with. */
    public sealed interface Resume permits Backlog, Restart, NothingServed {
    }

    /** Resumed: the events after the asked revision (none when it is the one served). */
    public record Backlog(List<Published> events) implements Resume {
    }

    /**
     * Not resumed: the revision served now. {@code lastEventId} is the revision the client asked for and this
     * gateway does not know (null when it asked for none).
     */
    public record Restart(String revision, Instant publishedAt, String lastEventId) implements Resume {
    }

    /** No revision is served yet: the stream starts when the first one is. */
    public record NothingServed() implements Resume {
    }

    /** What the notifier does with the marker of a revision. */
    public sealed interface Outcome permits Deliver, Skip {
    }

    public record Deliver(Published published) implements Outcome {
    }

    public record Skip(String reason) implements Outcome {
    }

    private final int maxEvents;
    private final long maxBytes;
    private final int maxPaths;
    private final ArrayDeque<Published> events = new ArrayDeque<>();
    private long bytes;
    private String baseRevision;
    private Instant basePublishedAt;
    private String currentRevision;
    private Instant currentPublishedAt;

    public ChangeLog(int maxEvents, long maxBytes, int maxPaths) {
        if (maxEvents < 1 || maxBytes < 1 || maxPaths < 1) {
            throw new IllegalArgumentException("the change history needs room for at least one event");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.maxPaths = maxPaths;
    }

    /**
     * Records a swap: {@code previous} (null for the process's first snapshot) replaced by {@code next}. Returns
     * the event to send, or empty for the first snapshot.
     */
    public synchronized Optional<Published> swapped(SiteSnapshot previous, SiteSnapshot next, Instant publishedAt) {
        try {
            currentRevision = next.revision();
            currentPublishedAt = publishedAt;
            if (previous == null) {
                baseRevision = next.revision();
                basePublishedAt = publishedAt;
                return Optional.empty();
            }
            ChangeEvent event = SnapshotDiff.between(previous, next, publishedAt, maxPaths);
            Published p = new Published(event, ChangeJson.revision(event));
            events.addLast(p);
            bytes += p.json().length;
            while (events.size() > 1 && (events.size() > maxEvents || bytes > maxBytes)) {
                bytes -= events.removeFirst().json().length;
            }
            return Optional.of(p);
        } finally {
            notifyAll();
        }
    }

    /** Where a stream starts for a client that sent {@code lastEventId} (null or blank: none). */
    public synchronized Resume resume(String lastEventId) {
        if (currentRevision == null) {
            return new NothingServed();
        }
        String asked = lastEventId == null || lastEventId.isBlank() ? null : lastEventId.trim();
        if (asked == null) {
            return new Restart(currentRevision, currentPublishedAt, null);
        }
        if (asked.equals(currentRevision)) {
            return new Backlog(List.of());
        }
        List<Published> after = new ArrayList<>();
        boolean found = false;
        Published oldest = events.peekFirst();
        if (oldest != null && asked.equals(oldest.event().previousRevision())) {
            found = true;
        } else if (oldest == null && asked.equals(baseRevision)) {
            found = true;
        }
        for (Published p : events) {
            if (found) {
                after.add(p);
            } else if (p.event().revision().equals(asked)) {
                found = true;
            }
        }
        return found ? new Backlog(after) : new Restart(currentRevision, currentPublishedAt, asked);
    }

    /** The revision served now, or null. */
    public synchronized String currentRevision() {
        return currentRevision;
    }

    /** The events held, oldest first. */
    public synchronized List<Published> events() {
        return List.copyOf(events);
    }

    /**
     * What to do with the marker of {@code revision}, published at {@code publishedAt}: deliver its event once this
     * gateway served it, skip it when it never will be or was before this process started; empty while undecided.
     */
    public synchronized Optional<Outcome> outcome(String revision, Instant publishedAt) {
        if (publishedAt == null) {
            return Optional.of(new Skip("the marker carries no publication time"));
        }
        for (Iterator<Published> it = events.descendingIterator(); it.hasNext(); ) {
            Published p = it.next();
            if (p.event().revision().equals(revision)) {
                return Optional.of(new Deliver(p));
            }
        }
        if (Objects.equals(revision, baseRevision)) {
            return Optional.of(new Skip("it is the first revision this gateway served (no earlier one to compare)"));
        }
        if (currentRevision == null) {
            return Optional.empty();
        }
        if (basePublishedAt != null && publishedAt.isBefore(basePublishedAt)) {
            return Optional.of(new Skip("it was published before this gateway started"));
        }
        if (currentPublishedAt != null && currentPublishedAt.isAfter(publishedAt)) {
            return Optional.of(new Skip("a later revision (" + currentRevision + ") was served instead"));
        }
        return Optional.empty();
    }

    /**
     * Waits until {@link #outcome} decides, at most {@code maxWaitMillis}; empty when still undecided (the caller
     * checks whether it should stop waiting and calls again).
     */
    public synchronized Optional<Outcome> awaitOutcome(String revision, Instant publishedAt, long maxWaitMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
        Optional<Outcome> o = outcome(revision, publishedAt);
        while (o.isEmpty()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return o;
            }
            wait(left);
            o = outcome(revision, publishedAt);
        }
        return o;
    }
}
