package dev.gitblog.content.ingest;

import dev.gitblog.content.events.EntrySink;
import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.Entry;
import dev.gitblog.events.RevisionMarker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's rule of a publish, on a real repository and a sink that acknowledges on its own thread (or
 * refuses): entries and tombstones first, the marker last and only once they were all acknowledged; a push sends
 * what it changed; what got through a failed publish is not sent again and the retry's marker names it; a
 * revision that has its marker, here or on the topic already, gets nothing more.
 */
class RevisionPipelineTest {

    private static final String BLOG = "blog";
    private static final List<String> ALL = List.of(".config/blog_name", "Posts/a", "Posts/b", "static/s.css");

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void stopAcks() {
        sink.acks.shutdownNow();
    }

    @Test
    void aFirstRunPublishesEveryEntryThenTheMarker() throws Exception {
        try (TestRepo repo = blog()) {
            RevisionPipeline pipeline = pipeline();
            RevisionPipeline.Outcome outcome = pipeline.run(repo.repository(), repo.head());

            assertTrue(outcome.sent());
            assertEquals(repo.head().name(), outcome.revision());
            assertEquals(sentEntries(ALL).stream().toList(), sink.log.subList(0, ALL.size()));
            assertEquals("marker " + repo.head().name(), sink.log.get(ALL.size()), "the marker comes last");
            assertEquals(ALL.size() + 1, sink.log.size());
            assertEquals(List.of(), sink.unacknowledgedAtMarker, "every entry was acknowledged before the marker");
            sink.entries.stream().filter(e -> e.article() != null)
                    .forEach(e -> assertNotNull(e.article().markdown(), e.path() + " is sent with its markdown"));
            String head = repo.head().name();
            sink.entries.forEach(e -> assertEquals(head, e.revision(), "stamped with the revision"));

            RevisionMarker marker = sink.markers.get(0);
            assertEquals(BLOG, marker.sourceId());
            assertNull(marker.previousRevision());
            assertEquals(ALL, marker.changedPaths());
            assertEquals(List.of(), marker.removedPaths());
            assertEquals(ALL.size(), marker.entryCount());

            ContentSnapshot snapshot = pipeline.snapshot();
            assertEquals(repo.head().name(), snapshot.revision());
            assertEquals(ALL, List.copyOf(snapshot.entries().keySet()));
            snapshot.entries().values().stream().filter(e -> e.article() != null)
                    .forEach(e -> assertNull(e.article().markdown(), "the snapshot keeps no markdown"));
            Entry a = snapshot.entries().get("Posts/a");
            assertEquals("a body\n", pipeline.markdown(a, repo.repository()), "read again from its blob");
        }
    }

    @Test
    void aPushSendsItsChangedPathAndATombstoneForARemovedOne() throws Exception {
        try (TestRepo repo = blog()) {
            RevisionPipeline pipeline = pipeline();
            pipeline.run(repo.repository(), repo.head());
            String first = repo.head().name();
            sink.clear();

            repo.write("Posts/a", article("a", "edited")).delete("Posts/b").commit("2020-01-02T00:00:00Z");
            RevisionPipeline.Outcome outcome = pipeline.run(repo.repository(), repo.head());

            assertTrue(outcome.sent());
            assertEquals(List.of("entry Posts/a", "tombstone Posts/b", "marker " + repo.head().name()), sink.log);
            assertEquals(List.of(), sink.unacknowledgedAtMarker);
            assertEquals(2, outcome.plan().unchanged());
            RevisionMarker marker = sink.markers.get(0);
            assertEquals(first, marker.previousRevision());
            assertEquals(List.of("Posts/a"), marker.changedPaths());
            assertEquals(List.of("Posts/b"), marker.removedPaths());
            assertEquals(3, marker.entryCount());
            assertEquals(Set.of(".config/blog_name", "Posts/a", "static/s.css"),
                    pipeline.snapshot().entries().keySet());
            assertEquals(first, pipeline.snapshot().previousRevision());
        }
    }

    @Test
    void aFailedPublishKeepsWhatGotThroughAndTheRetrysMarkerNamesBothAttempts() throws Exception {
        try (TestRepo repo = blog()) {
            RevisionPipeline pipeline = pipeline();
            sink.refuseOnce.add("Posts/b");

            assertThrows(ExecutionException.class, () -> pipeline.run(repo.repository(), repo.head()));
            assertEquals(List.of(), sink.markers, "no marker after a refused entry");
            assertNull(pipeline.snapshot(), "nothing is served before a marker was acknowledged");

            sink.clear();
            RevisionPipeline.Outcome retry = pipeline.run(repo.repository(), repo.head());

            assertTrue(retry.sent());
            assertEquals(List.of("entry Posts/b", "marker " + repo.head().name()), sink.log,
                    "only what did not get through is sent again");
            RevisionMarker marker = sink.markers.get(0);
            assertEquals(ALL, marker.changedPaths(), "the paths of both attempts");
            assertNull(marker.previousRevision());
            assertEquals(ALL.size(), marker.entryCount());
            assertEquals(repo.head().name(), pipeline.snapshot().revision());
        }
    }

    @Test
    void aFailedPushIsRetriedWithItsTombstone() throws Exception {
        try (TestRepo repo = blog()) {
            RevisionPipeline pipeline = pipeline();
            pipeline.run(repo.repository(), repo.head());
            String first = repo.head().name();
            repo.write("Posts/a", article("a", "edited")).write("Posts/c", article("c", "new")).delete("Posts/b")
                    .commit("2020-01-02T00:00:00Z");
            sink.clear();
            sink.refuseOnce.add("Posts/c");

            assertThrows(ExecutionException.class, () -> pipeline.run(repo.repository(), repo.head()));
            assertEquals(first, pipeline.snapshot().revision(), "the last revision is still served");
            sink.clear();
            pipeline.run(repo.repository(), repo.head());

            assertEquals(List.of("entry Posts/c", "marker " + repo.head().name()), sink.log);
            RevisionMarker marker = sink.markers.get(0);
            assertEquals(first, marker.previousRevision());
            assertEquals(List.of("Posts/a", "Posts/c"), marker.changedPaths());
            assertEquals(List.of("Posts/b"), marker.removedPaths());
            assertEquals(4, marker.entryCount());
        }
    }

    @Test
    void aRevisionThatHasItsMarkerGetsNothingMore() throws Exception {
        try (TestRepo repo = blog()) {
            RevisionPipeline pipeline = pipeline();
            pipeline.run(repo.repository(), repo.head());
            sink.clear();

            RevisionPipeline.Outcome again = pipeline.run(repo.repository(), repo.head());

            assertFalse(again.sent());
            assertEquals(List.of(), sink.log);
            assertEquals(repo.head().name(), pipeline.snapshot().revision());
        }
    }

    @Test
    void aRestartOnAPublishedRevisionSendsNothingAndServesIt() throws Exception {
        try (TestRepo repo = blog()) {
            pipeline().run(repo.repository(), repo.head());
            RevisionMarker published = sink.markers.get(0);
            Map<String, Entry> topic = sink.topic();
            sink.clear();

            RevisionPipeline restarted = pipeline();
            restarted.readBack(topic, published);
            RevisionPipeline.Outcome outcome = restarted.run(repo.repository(), repo.head());

            assertFalse(outcome.sent());
            assertEquals(List.of(), sink.log);
            ContentSnapshot snapshot = restarted.snapshot();
            assertEquals(repo.head().name(), snapshot.revision());
            assertEquals(published.publishedAt(), snapshot.publishedAt());
            assertEquals(ALL, List.copyOf(snapshot.entries().keySet()));
        }
    }

    @Test
    void entriesAlreadyOnTheTopicAreNotSentAgain() throws Exception {
        try (TestRepo repo = blog()) {
            pipeline().run(repo.repository(), repo.head());
            RevisionMarker published = sink.markers.get(0);
            Map<String, Entry> topic = sink.topic();
            repo.write("Posts/a", article("a", "edited while the service was down")).commit("2020-01-02T00:00:00Z");
            sink.clear();

            RevisionPipeline restarted = pipeline();
            restarted.readBack(topic, published);
            restarted.run(repo.repository(), repo.head());

            assertEquals(List.of("entry Posts/a", "marker " + repo.head().name()), sink.log);
            RevisionMarker marker = sink.markers.get(0);
            assertEquals(published.revision(), marker.previousRevision(), "the chain goes on from the topic's");
            assertEquals(List.of("Posts/a"), marker.changedPaths());
            assertEquals(ALL.size(), marker.entryCount());
        }
    }

    @Test
    void aPathRemovedFromTheTopicsStateIsSentAgain() throws Exception {
        try (TestRepo repo = blog()) {
            pipeline().run(repo.repository(), repo.head());
            RevisionMarker published = sink.markers.get(0);
            Map<String, Entry> topic = sink.topic();
            topic.remove("static/s.css"); // say, an unreadable value the read-back dropped
            sink.clear();

            RevisionPipeline restarted = pipeline();
            restarted.readBack(topic, published);
            RevisionPipeline.Outcome outcome = restarted.run(repo.repository(), repo.head());

            assertTrue(outcome.sent(), "the revision has its marker, but the topic misses an entry of it");
            assertEquals(List.of("entry static/s.css", "marker " + repo.head().name()), sink.log);
        }
    }

    private RevisionPipeline pipeline() {
        return new RevisionPipeline(BLOG, Duration.ofMinutes(1), sink, null);
    }

    private TestRepo blog() throws Exception {
        TestRepo repo = TestRepo.init(dir.resolve("blog"));
        repo.write(".config/blog_name", "A blog\n").write("Posts/a", article("a", "a body"))
                .write("Posts/b", article("b", "b body")).write("static/s.css", "body{}")
                .commit("2020-01-01T00:00:00Z");
        return repo;
    }

    private static String article(String title, String body) {
        return "---\ntitle: " + title + "\nauthor: someone\n---\n" + body + "\n";
    }

    private static List<String> sentEntries(List<String> paths) {
        return paths.stream().map(p -> "entry " + p).toList();
    }

    /**
     * Records what it is given, in order, and acknowledges each record on its own thread (as a broker would,
     * later); refuses the entry of a path in {@link #refuseOnce} once. When a marker comes, notes every record
     * before it that was not acknowledged yet.
     */
    private static final class RecordingSink implements EntrySink {
        final ExecutorService acks = Executors.newSingleThreadExecutor();
        final List<String> log = new ArrayList<>();
        final List<Entry> entries = new ArrayList<>();
        final List<RevisionMarker> markers = new ArrayList<>();
        final Set<String> refuseOnce = new HashSet<>();
        final List<String> unacknowledgedAtMarker = new ArrayList<>();
        private final Map<String, Entry> acknowledged = new TreeMap<>();
        private final List<CompletableFuture<Void>> pending = new ArrayList<>();
        private final List<String> pendingNames = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<Void> entry(Entry entry) {
            log.add("entry " + entry.path());
            entries.add(entry);
            if (refuseOnce.remove(entry.path())) {
                return CompletableFuture.failedFuture(new IllegalStateException("not acknowledged"));
            }
            return ack("entry " + entry.path(), () -> acknowledged.put(entry.path(), entry));
        }

        @Override
        public synchronized CompletableFuture<Void> tombstone(String path) {
            log.add("tombstone " + path);
            return ack("tombstone " + path, () -> acknowledged.remove(path));
        }

        @Override
        public synchronized CompletableFuture<Void> marker(RevisionMarker marker) {
            log.add("marker " + marker.revision());
            markers.add(marker);
            for (int i = 0; i < pending.size(); i++) {
                if (!pending.get(i).isDone()) {
                    unacknowledgedAtMarker.add(pendingNames.get(i));
                }
            }
            return CompletableFuture.runAsync(() -> { }, acks);
        }

        private CompletableFuture<Void> ack(String name, Runnable onAck) {
            CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
                synchronized (this) {
                    onAck.run();
                }
            }, acks);
            pending.add(f);
            pendingNames.add(name);
            return f;
        }

        /** content.entries as the read-back would find it: the last acknowledged value of every live path. */
        synchronized Map<String, Entry> topic() {
            return new TreeMap<>(acknowledged);
        }

        synchronized void clear() {
            log.clear();
            entries.clear();
            markers.clear();
        }
    }
}
