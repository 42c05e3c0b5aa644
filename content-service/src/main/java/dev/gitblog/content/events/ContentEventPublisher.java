package dev.gitblog.content.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.concurrent.CompletableFuture;

/**
 * The Kafka edge: entries on {@code entries-out} (topic content.entries, key = path, tombstone = null value) and
 * markers on {@code revisions-out} (content.revisions, key = source id). Each send completes when the broker
 * acknowledged it (or fails when it did not), so the caller can send the marker only after every entry.
 */
@ApplicationScoped
public class ContentEventPublisher {

    @Inject
    @Channel("entries-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Record<String, String>> entries;

    @Inject
    @Channel("revisions-out")
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
    Emitter<Record<String, String>> revisions;

    public CompletableFuture<Void> entry(Entry entry) {
        return entries.send(Record.of(entry.path(), EventCodec.encode(entry))).toCompletableFuture();
    }

    public CompletableFuture<Void> tombstone(String path) {
        return entries.send(Record.<String, String>of(path, null)).toCompletableFuture();
    }

    public CompletableFuture<Void> marker(RevisionMarker marker) {
        return revisions.send(Record.of(marker.sourceId(), EventCodec.encode(marker))).toCompletableFuture();
    }
}
