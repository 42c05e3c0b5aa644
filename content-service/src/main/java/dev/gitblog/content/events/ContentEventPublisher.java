package dev.gitblog.content.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.concurrent.CompletableFuture;

/**
 * The Kafka edge: entries on {@code entries-out} (topic content.entries, key = path, tombstone = null value) and
 * markers on {@code revisions-out} (content.revisions, key = source id). Each send completes when the broker
 * acknowledged it (or fails when it did not), so the caller can send the marker only after every entry; what
 * was acknowledged is counted ({@code content.entries.published}, {@code content.tombstones.published},
 * {@code content.revisions.published}; registered at start, so that they read 0 before the first publish).
 */
@Startup
@ApplicationScoped
public class ContentEventPublisher implements EntrySink {

    @Inject
    @Channel("entries-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Record<String, String>> entries;

    @Inject
    @Channel("revisions-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Record<String, String>> revisions;

    @Inject
    MeterRegistry registry;

    private Counter entriesPublished;
    private Counter tombstonesPublished;
    private Counter revisionsPublished;

    @PostConstruct
    void registerCounters() {
        entriesPublished = Counter.builder("content.entries.published")
                .description("entry values published (changed entries only)").register(registry);
        tombstonesPublished = Counter.builder("content.tombstones.published")
                .description("tombstones published for removed paths").register(registry);
        revisionsPublished = Counter.builder("content.revisions.published")
                .description("revision markers published").register(registry);
    }

    @Override
    public CompletableFuture<Void> entry(Entry entry) {
        return entries.send(Record.of(entry.path(), EventCodec.encode(entry))).toCompletableFuture()
                .thenRun(entriesPublished::increment);
    }

    @Override
    public CompletableFuture<Void> tombstone(String path) {
        return entries.send(Record.<String, String>of(path, null)).toCompletableFuture()
                .thenRun(tombstonesPublished::increment);
    }

    @Override
    public CompletableFuture<Void> marker(RevisionMarker marker) {
        return revisions.send(Record.of(marker.sourceId(), EventCodec.encode(marker))).toCompletableFuture()
                .thenRun(revisionsPublished::increment);
    }
}
