package dev.gitblog.render.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.Topics;
import dev.gitblog.render.config.RenderConfig;
import dev.gitblog.render.render.Flavor;
import dev.gitblog.render.render.FragmentRenderer;
import dev.gitblog.render.render.RenderThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * content.entries to render.fragments. For an ARTICLE entry whose (content hash, render key) is not
 * what render.fragments already holds for the path, renders it and publishes the fragment keyed by
 * path; for a deleted path, or one that stopped being an article, publishes a tombstone if there was
 * a fragment. Entries of one channel are handled one after the other, so fragments of one path are
 * published in the order of its entries (the producer keeps the order of one partition while several
 * records are in flight); the entries of a poll are acknowledged only after the broker acknowledged every
 * outgoing record of that poll. Values are read and written as the UTF-8 bytes of their JSON: Jackson reads and
 * writes those directly, without a string of each entry and fragment in between (docs/PIPELINE.md). The entries of
 * a poll arrive at once and are handled on a lane of the service's {@link RenderThreads}: one after the other, off
 * the connector's event loop; a render that overruns its limit is abandoned there, so the lane goes on.
 */
@ApplicationScoped
public class FragmentProcessor {

    private static final Logger LOG = Logger.getLogger(FragmentProcessor.class);
    /** The outgoing channel: the emitter, and the Kafka producer that is flushed. */
    static final String FRAGMENTS_OUT = "fragments-out";
    /** Fragments the emitter holds before the connector takes them: the most the lane may leave unacknowledged. */
    static final int EMITTER_BUFFER = 256;

    @Inject
    FragmentRenderer renderer;

    @Inject
    PublishedFragments published;

    @Inject
    RenderConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    RenderThreads threads;

    @Inject
    KafkaClientService kafkaClients;

    @Inject
    @Channel(FRAGMENTS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
    Emitter<Record<String, byte[]>> fragments;

    private InFlight inFlight;
    private RenderThreads.Lane lane;
    private ActivityLog activity;
    private Timer renderTimer;

    @PostConstruct
    void init() {
        lane = threads.lane();
        int maxInFlight = InFlight.limit(config.maxInFlight(), EMITTER_BUFFER);
        if (maxInFlight != config.maxInFlight()) {
            LOG.warnf("blog.render.max-in-flight=%d is outside 1..%d; using %d", config.maxInFlight(), EMITTER_BUFFER,
                    maxInFlight);
        }
        inFlight = new InFlight(maxInFlight);
        activity = new ActivityLog(LOG, threads);
        renderTimer = Timer.builder("render.duration").description("time to render one article entry")
                .tag("source", "entries").register(registry);
    }

    void onStop(@Observes ShutdownEvent stop) {
        lane.close();
        activity.close();
    }

    /**
     * The entries of one poll, handled in their order on the lane: one hand-off from the connector for the whole
     * poll, not one per entry (docs/PIPELINE.md, "Consuming in batches"). The returned stage completes once every
     * entry is handed to the producer, so the next poll is rendered while these are in flight; the poll itself is
     * acknowledged when all its records are. An entry that cannot be handled nacks the poll and ends it there (the
     * channel's failure strategy stops it, as for a failed send).
     */
    @Incoming("entries-in")
    public CompletionStage<Void> onEntries(Message<ConsumerRecords<String, byte[]>> batch) {
        return published.caughtUp()
                .thenComposeAsync(ignored -> {
                    List<CompletableFuture<Void>> sent = new ArrayList<>(batch.getPayload().count());
                    for (ConsumerRecord<String, byte[]> record : batch.getPayload()) {
                        CompletableFuture<Void> one;
                        try {
                            one = handle(record.key(), record.value()).toCompletableFuture();
                        } catch (RuntimeException e) {
                            LOG.errorf(e, "failed to handle the entry for %s", record.key());
                            sent.add(CompletableFuture.failedFuture(e));
                            break;
                        }
                        sent.add(one);
                        // the lane's own thread waits while max-in-flight records are unacknowledged, and
                        // lets the producer send what it holds rather than wait out the linger
                        CompletableFuture<Void> admitted = inFlight.admit(one).toCompletableFuture();
                        if (!admitted.isDone()) {
                            sendWithoutLinger();
                            admitted.join();
                        }
                    }
                    sendWithoutLinger();
                    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).whenComplete((v, failure) -> {
                        if (failure == null) {
                            batch.ack();
                        } else {
                            batch.nack(unwrap(failure));
                        }
                    });
                    return done();
                }, lane);
    }

    /**
     * The producer holds a record for up to {@code linger.ms} (50) so that a burst's fragments share requests:
     * with 5 ms a 5,000-post push went out 3.5 fragments a request, and every service and the broker paid for
     * each request and for each fetch of its few records (docs/PIPELINE.md, "Fragments in large batches"). The
     * end of a poll is the end of what is known to come, so what the producer holds goes out then (an edit's
     * fragment waits for no linger), and so does it when the lane must wait for acknowledgements (small
     * fragments would otherwise wait out the linger every {@code blog.render.max-in-flight} records). The flush
     * runs on the producer's sending thread after the sends this poll handed to it (there is no producer with
     * the in-memory connector of the tests).
     */
    private void sendWithoutLinger() {
        KafkaProducer<String, byte[]> producer = kafkaClients.getProducer(FRAGMENTS_OUT);
        if (producer != null) {
            producer.flush().subscribe().with(ignored -> { },
                    failure -> LOG.warnf("could not flush the fragments of a poll: %s", failure.getMessage()));
        }
    }

    private CompletionStage<Void> handle(String path, byte[] value) {
        if (path == null) {
            LOG.warn("ignoring an entry without a key on " + Topics.CONTENT_ENTRIES);
            skipped("unreadable");
            return done();
        }
        if (value == null) {
            return published.has(path) ? tombstone(path, "deleted") : skippedDone("not-article");
        }
        Entry entry;
        try {
            entry = EventCodec.entry(value);
        } catch (EventCodec.EventFormatException e) {
            LOG.warnf("ignoring the unreadable entry for %s: %s", path, e.getMessage());
            skipped("unreadable");
            return done();
        }
        if (entry.kind() != EntryKind.ARTICLE || entry.article() == null) {
            return published.has(path) ? tombstone(path, "now " + entry.kind()) : skippedDone("not-article");
        }
        String renderKey = renderer.renderKey(Flavor.of(entry.article().markdownFlavor()));
        if (published.isCurrent(path, entry.contentHash(), renderKey)) {
            return skippedDone("unchanged");
        }
        Fragment fragment = renderTimer.record(() -> renderer.fragment(entry));
        byte[] json = EventCodec.encodeUtf8(fragment);
        if (json.length > config.maxMessageBytes()) {
            fragment = errorFragment(fragment, "the rendered article is " + json.length
                    + " bytes as an event, over the limit of " + config.maxMessageBytes() + " bytes");
            json = EventCodec.encodeUtf8(fragment);
        }
        if (fragment.error() != null) {
            LOG.warnf("%s (revision %s) could not be rendered, publishing a notice instead: %s", path,
                    entry.revision(), fragment.error());
        }
        Fragment sent = fragment;
        // recorded when sent, not when acknowledged: the next entry for this path may be handled before
        // the broker answers, and must see it (a failed send stops the channel, see failure-strategy)
        published.published(sent);
        return send(path, json).thenRun(() -> {
            count(sent.error() == null ? "rendered" : "error");
            activity.add(sent.error() == null ? ActivityLog.Kind.RENDERED : ActivityLog.Kind.ERROR);
        });
    }

    private CompletionStage<Void> tombstone(String path, String why) {
        published.removed(path);
        return send(path, null).thenRun(() -> {
            count("tombstone");
            LOG.debugf("removed the fragment of %s (%s)", path, why);
            activity.add(ActivityLog.Kind.REMOVED);
        });
    }

    private CompletionStage<Void> send(String path, byte[] value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        fragments.send(Message.of(Record.of(path, value))
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private static Fragment errorFragment(Fragment f, String reason) {
        return new Fragment(f.schemaVersion(), f.path(), f.revision(), f.contentHash(), f.renderKey(),
                FragmentRenderer.notice(reason), null, "", List.of(), List.of(), List.of(), reason);
    }

    private CompletionStage<Void> skippedDone(String reason) {
        skipped(reason);
        if (reason.equals("unchanged")) {
            activity.add(ActivityLog.Kind.UNCHANGED);
        }
        return done();
    }

    private void skipped(String reason) {
        registry.counter("render.entries.skipped", "reason", reason).increment();
    }

    private void count(String outcome) {
        registry.counter("render.fragments.published", "outcome", outcome).increment();
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
