package dev.gitblog.gateway.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.gateway.site.Builds;
import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.ContentStore;
import dev.gitblog.gateway.site.SiteAssembler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteEventConsumerTest {

    @Test
    void eventsDeliveredAfterShutdownBeganAreDroppedNotApplied() {
        SiteAssembler assembler = new SiteAssembler();
        SiteEventConsumer consumer = new SiteEventConsumer(assembler, new SnapshotHolder(), new SimpleMeterRegistry(),
                Clock.systemUTC(), null);
        consumer.entries(record(PipelineEvents.article("Posts/One", "One", List.of(), "a", "r1", "h1",
                PipelineEvents.T1, PipelineEvents.T1)));
        assertEquals(1, consumer.status().entries());

        consumer.stop(null);
        consumer.entries(record(PipelineEvents.article("Posts/Two", "Two", List.of(), "a", "r1", "h2",
                PipelineEvents.T1, PipelineEvents.T1)));
        assertEquals(1, consumer.status().entries(), "the page store may be gone: nothing is applied any more");
    }

    @Test
    void anUnreadableRecordIsSkippedAloneAndTheRestOfItsPollApplies() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SiteEventConsumer consumer = new SiteEventConsumer(new SiteAssembler(), new SnapshotHolder(), registry,
                Clock.systemUTC(), null);
        Entry one = PipelineEvents.article("Posts/One", "One", List.of(), "a", "r1", "h1", PipelineEvents.T1,
                PipelineEvents.T1);
        Entry two = PipelineEvents.article("Posts/Two", "Two", List.of(), "a", "r1", "h2", PipelineEvents.T1,
                PipelineEvents.T1);
        TopicPartition partition = new TopicPartition("content.entries", 0);
        consumer.entries(new ConsumerRecords<>(Map.of(partition, List.of(
                new ConsumerRecord<>("content.entries", 0, 0L, one.path(), EventCodec.encodeUtf8(one)),
                new ConsumerRecord<>("content.entries", 0, 1L, "Posts/Broken",
                        "{not json".getBytes(StandardCharsets.UTF_8)),
                new ConsumerRecord<>("content.entries", 0, 2L, two.path(), EventCodec.encodeUtf8(two)))),
                Map.of()));

        assertEquals(2, consumer.status().entries(), "the records before and after the broken one are applied");
        assertEquals(1.0, registry.counter("gateway.events.unreadable").count());
    }

    @Test
    void aFragmentTheStoreCannotTakeWaitsForItWhileTheLastRevisionIsServed() throws Exception {
        Gateway g = Gateway.servingFirstRevision();
        FillableStore store = g.store();
        SnapshotHolder holder = g.holder();
        SiteEventConsumer consumer = g.consumer();
        assertEquals("r1", holder.servedRevision());

        Entry two = article("Posts/Two", "r2", "h2");
        consumer.entries(record(two));
        consumer.feeds(record(PipelineEvents.atom("r2")));
        consumer.revisions(record(PipelineEvents.marker("r2", "r1", List.of("Posts/Two"), List.of(), 2,
                PipelineEvents.T2)));
        store.full = true;
        CompletableFuture<Void> applying = CompletableFuture.runAsync(
                () -> consumer.fragments(record(PipelineEvents.fragment(two, "<p>two</p>"))));

        PipelineTest.await("the store's problem in the status", () -> consumer.status().storeProblem() != null);
        assertFalse(applying.isDone(), "the fragment is held, not dropped");
        assertEquals("r1", holder.servedRevision(), "the last revision is served meanwhile");
        String waiting = consumer.status().waitingFor().get(0);
        assertTrue(waiting.startsWith("the page store cannot write"), waiting);
        assertFalse(waiting.contains("/tmp"), "no path of the store in /api/site: " + waiting);
        assertTrue(g.registry().counter("gateway.page-store.failures").count() >= 1);

        store.full = false; // space again: the next try stores the fragment and composes r2
        applying.get(10, TimeUnit.SECONDS);
        assertEquals("r2", holder.servedRevision());
        assertNull(consumer.status().storeProblem());
        assertTrue(consumer.status().waitingFor().isEmpty(), consumer.status().waitingFor().toString());
    }

    @Test
    void aCompositionTheStoreCannotTakeIsComposedAgainOnceItCan() throws Exception {
        Gateway g = Gateway.servingFirstRevision();
        FillableStore store = g.store();
        SnapshotHolder holder = g.holder();
        SiteEventConsumer consumer = g.consumer();

        Entry two = article("Posts/Two", "r2", "h2");
        consumer.entries(record(two));
        consumer.fragments(record(PipelineEvents.fragment(two, "<p>two</p>")));
        consumer.feeds(record(PipelineEvents.atom("r2")));
        store.full = true;
        // the marker stores nothing itself; the composition it completes does
        CompletableFuture<Void> applying = CompletableFuture.runAsync(() -> consumer.revisions(record(
                PipelineEvents.marker("r2", "r1", List.of("Posts/Two"), List.of(), 2, PipelineEvents.T2))));

        PipelineTest.await("the store's problem in the status", () -> consumer.status().storeProblem() != null);
        assertEquals("r1", holder.servedRevision());
        assertEquals("r2", consumer.status().newestRevision());
        store.full = false;
        applying.get(10, TimeUnit.SECONDS);
        assertEquals("r2", holder.servedRevision());
        assertTrue(holder.current().orElseThrow().pages().containsKey("Posts/Two"));
    }

    @Test
    void stoppingEndsTheWaitForTheStore() throws Exception {
        Gateway g = Gateway.servingFirstRevision();
        FillableStore store = g.store();
        SiteEventConsumer consumer = g.consumer();
        store.full = true;
        Entry two = article("Posts/Two", "r2", "h2");
        CompletableFuture<Void> applying = CompletableFuture.runAsync(
                () -> consumer.fragments(record(PipelineEvents.fragment(two, "<p>two</p>"))));
        PipelineTest.await("the store's problem in the status", () -> consumer.status().storeProblem() != null);

        consumer.stop(null);
        applying.get(5, TimeUnit.SECONDS); // well before the next try, a second away
        store.full = false;
        assertEquals("r1", g.holder().servedRevision());
    }

    /** A consumer whose page store can fill up, serving revision r1 (one article, Posts/One). */
    private record Gateway(FillableStore store, SimpleMeterRegistry registry, SnapshotHolder holder,
                           SiteEventConsumer consumer) {
        static Gateway servingFirstRevision() {
            FillableStore store = new FillableStore();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SnapshotHolder holder = new SnapshotHolder();
            SiteEventConsumer consumer = new SiteEventConsumer(new SiteAssembler(new Builds.PlainComposer(), store), holder,
                    registry, Clock.systemUTC(), null);
            Entry one = article("Posts/One", "r1", "h1");
            consumer.entries(record(one));
            consumer.fragments(record(PipelineEvents.fragment(one, "<p>one</p>")));
            consumer.feeds(record(PipelineEvents.atom("r1")));
            consumer.revisions(record(PipelineEvents.marker("r1", null, List.of("Posts/One"), List.of(), 1,
                    PipelineEvents.T1)));
            return new Gateway(store, registry, holder, consumer);
        }
    }

    private static Entry article(String path, String revision, String hash) {
        return PipelineEvents.article(path, path.substring(path.indexOf('/') + 1), List.of(), "a", revision, hash,
                PipelineEvents.T1, PipelineEvents.T1);
    }

    /** Stores in the heap, or fails as the page store does on a full disk while {@link #full} is set. */
    private static final class FillableStore implements ContentStore {
        volatile boolean full;

        @Override
        public PageFiles putPage(byte[] body) {
            failIfFull();
            return IN_HEAP.putPage(body);
        }

        @Override
        public Content putBytes(byte[] bytes) {
            failIfFull();
            return IN_HEAP.putBytes(bytes);
        }

        private void failIfFull() {
            if (full) {
                throw new UncheckedIOException("page store: cannot write /tmp/pages/0123",
                        new IOException("No space left on device"));
            }
        }
    }

    private static ConsumerRecords<String, byte[]> record(Entry e) {
        return PipelineEvents.batch(e.path(), EventCodec.encode(e));
    }

    private static ConsumerRecords<String, byte[]> record(Fragment f) {
        return PipelineEvents.batch(f.path(), EventCodec.encode(f));
    }

    private static ConsumerRecords<String, byte[]> record(FeedDocument d) {
        return PipelineEvents.batch(d.feedPath(), EventCodec.encode(d));
    }

    private static ConsumerRecords<String, byte[]> record(RevisionMarker m) {
        return PipelineEvents.batch(m.sourceId(), EventCodec.encode(m));
    }
}
