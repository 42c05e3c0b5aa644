package dev.gitblog.feed.events;

import dev.gitblog.events.BurstMemory;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.EventCodec.EventFormatException;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.Topics;
import dev.gitblog.events.kafka.NativeLz4;
import dev.gitblog.feed.config.FeedConfig;
import dev.gitblog.feed.feed.BuiltFeed;
import dev.gitblog.feed.feed.FeedBuilder;
import dev.gitblog.feed.feed.FeedInput;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Kafka side of feed-service. The three input channels update one {@link FeedState}; a single
 * builder thread, whenever the newest revision marker is complete and not built yet, builds every
 * feed, sends the changed ones and tombstones on {@code feeds-out}, waits for their
 * acknowledgements, then sends {@code atom} with the marker's revision (the gateway waits for it).
 * At start it first loads what is already on the feeds topic, so a restart republishes nothing
 * unchanged.
 */
@ApplicationScoped
public class FeedPipeline {

    private static final Logger LOG = Logger.getLogger(FeedPipeline.class);
    private static final long RETRY_SECONDS = 5;

    /** What health and the API report. */
    public record Status(boolean loaded, String newestRevision, String builtRevision, boolean caughtUp,
                         List<String> missing, List<String> warnings) {
    }

    private final FeedConfig config;
    private final PublishedFeedsLoader loader;
    private final FragmentBodies fragmentBodies;
    @Inject
    @Channel("feeds-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, String>> out;
    private final FeedBuilder feedBuilder;
    private final FeedState state = new FeedState(); // guarded by itself
    private final FeedPublications publications = new FeedPublications();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "feed-builder");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Timer buildTimer;
    private final Counter documentsPublished;
    private final Counter tombstonesPublished;
    private final Counter unreadable;

    private volatile boolean loaded;
    private volatile boolean revisionsExistedAtStart;
    private volatile RevisionMarker built;
    private volatile List<String> warnings = List.of();

    @Inject
    public FeedPipeline(FeedConfig config, PublishedFeedsLoader loader, FragmentBodies fragmentBodies,
                        MeterRegistry registry) {
        this.config = config;
        this.loader = loader;
        this.fragmentBodies = fragmentBodies;
        this.feedBuilder = new FeedBuilder(config.size(), config.websubHub().orElse(null));
        this.state.keepCandidates(feedBuilder::candidates); // feed-service README, "Memory"
        this.buildTimer = Timer.builder("feed.build")
                .description("building every feed of a complete revision (planning and writing, not sending)")
                .register(registry);
        this.documentsPublished = Counter.builder("feed.documents.published").tag("kind", "document")
                .description("feed documents sent on feed.documents").register(registry);
        this.tombstonesPublished = Counter.builder("feed.documents.published").tag("kind", "tombstone")
                .description("feed documents sent on feed.documents").register(registry);
        this.unreadable = Counter.builder("feed.events.unreadable")
                .description("event values that could not be decoded and were skipped").register(registry);
    }

    /** Kafka's LZ4 in native code before any client reads a batch (events NativeLz4); static: no bean yet. */
    static void loadNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        LOG.info("Kafka's LZ4 codec: " + NativeLz4.load());
    }

    void onStart(@Observes StartupEvent event) {
        // the topics are read from their beginning: a burst, whatever their size (docs/PIPELINE.md)
        BurstMemory.burstAhead();
        builder.execute(this::load);
    }

    void onStop(@Observes ShutdownEvent event) {
        builder.shutdownNow();
    }

    @Incoming("entries-in")
    @Blocking
    public void entries(ConsumerRecords<String, byte[]> batch) {
        apply("entry", batch, (s, path, value) -> s.entry(path,
                value == null ? null : EventCodec.entryWithoutMarkdown(value)));
    }

    @Incoming("fragments-in")
    @Blocking
    public void fragments(ConsumerRecords<String, byte[]> batch) {
        apply("fragment", batch, (s, path, value) -> {
            if (value == null) {
                s.fragment(path, null);
            } else if (s.keepsBody(path)) {
                s.fragment(path, EventCodec.fragment(value));
            } else { // the body is neither decoded nor kept: no feed shows it
                s.fragmentWithoutBody(path, EventCodec.fragmentWithoutBody(value));
            }
        });
    }

    @Incoming("revisions-in")
    @Blocking
    public void revisions(ConsumerRecords<String, byte[]> batch) {
        apply("revision marker", batch, (s, sourceId, value) -> {
            if (value != null) { // markers are never deleted; a tombstone here says nothing about the site
                s.marker(EventCodec.revision(value));
            }
        });
    }

    /** What one record of a topic does to the state: its key, and its value or null for a tombstone. */
    @FunctionalInterface
    private interface Step {
        void apply(FeedState state, String key, byte[] valueOrNull);
    }

    /**
     * Applies the records of one poll in their order (the channels consume in batches: one hand-off between
     * threads per poll, not per record), then wakes the builder.
     */
    private void apply(String what, ConsumerRecords<String, byte[]> batch, Step step) {
        BurstMemory.arriving(batch.count());
        for (ConsumerRecord<String, byte[]> record : batch) {
            if (record.key() == null) {
                unreadable.increment();
                LOG.warnf("skipped a %s without a key", what);
                continue;
            }
            try {
                synchronized (state) {
                    step.apply(state, record.key(), record.value());
                }
            } catch (EventFormatException | IllegalArgumentException e) {
                unreadable.increment();
                LOG.warnf("skipped an unreadable %s for %s: %s", what, record.key(), e.getMessage());
            }
        }
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                builder.execute(this::buildIfComplete);
            } catch (RejectedExecutionException stopping) {
                // the service is stopping (onStop shut the builder down) while the consumers still deliver:
                // nothing is lost, a restart reads the topics again
                LOG.debugf("not building feeds: the service is stopping");
            }
        }
    }

    /** Start-up: what is on the feeds topic already, retried until the broker answers. */
    private void load() {
        if (!config.preload()) {
            loaded = true;
            schedule();
            return;
        }
        boolean warned = false;
        while (!loaded && !Thread.currentThread().isInterrupted()) {
            try {
                PublishedFeedsLoader.Result result = loader.load((key, value) -> {
                    try {
                        publications.loaded(key, value == null ? null : EventCodec.feed(value));
                    } catch (EventFormatException e) {
                        LOG.warnf("ignored an unreadable feed document %s on the feeds topic: %s", key, e.getMessage());
                    }
                }, Duration.ofSeconds(30));
                revisionsExistedAtStart = result.revisionsExist();
                loaded = true;
                LOG.infof("loaded %d published feeds (%d records) from the feeds topic", publications.size(),
                        result.records());
            } catch (RuntimeException e) {
                if (!warned) {
                    LOG.warnf("cannot read the feeds topic yet (%s); retrying until the broker answers", e.getMessage());
                    warned = true;
                }
                try {
                    TimeUnit.SECONDS.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        schedule();
    }

    /** On the builder thread: build and publish the newest marker if it is complete and new. */
    private void buildIfComplete() {
        scheduled.set(false);
        if (!loaded) {
            return; // load() schedules once it is done
        }
        RevisionMarker marker = null;
        try {
            FeedInput input = null;
            for (int attempt = 0; input == null; attempt++) {
                Set<String> missing;
                synchronized (state) {
                    marker = state.newest();
                    if (marker == null || marker.equals(built) || !state.complete()) {
                        return;
                    }
                    Set<String> featured = state.featured(feedBuilder::featured); // one sort of the articles
                    missing = state.bodiesToReadBack(featured);
                    if (missing.isEmpty()) {
                        input = state.input(articles -> featured);
                    }
                }
                if (input == null) {
                    if (attempt == 2) {
                        throw new IllegalStateException("could not read back the bodies of " + missing.size()
                                + " featured articles from " + Topics.RENDER_FRAGMENTS + " (the topic is not at the"
                                + " fragments this service holds yet)");
                    }
                    readBack(missing);
                }
            }
            publish(marker, input);
        } catch (RuntimeException e) {
            if (marker == null) {
                throw e;
            }
            LOG.errorf(e, "could not publish the feeds of revision %s; retrying in %d s",
                    shortRev(marker.revision()), RETRY_SECONDS);
            CompletableFuture.runAsync(this::schedule,
                    CompletableFuture.delayedExecutor(RETRY_SECONDS, TimeUnit.SECONDS, builder));
        }
    }

    /** The bodies of {@code paths} read back from the fragments topic into the state (see {@link FragmentBodies}). */
    private void readBack(Set<String> paths) {
        long start = System.nanoTime();
        Map<String, Fragment> read = fragmentBodies.read(paths, config.sendTimeout());
        int restored = 0;
        synchronized (state) {
            for (Map.Entry<String, Fragment> f : read.entrySet()) {
                if (state.restoreBody(f.getKey(), f.getValue())) {
                    restored++;
                }
            }
        }
        LOG.infof("read back %d of %d featured bodies from %s in %d ms", restored, paths.size(),
                Topics.RENDER_FRAGMENTS, (System.nanoTime() - start) / 1_000_000);
    }

    private void publish(RevisionMarker marker, FeedInput input) {
        long start = System.nanoTime();
        Map<String, BuiltFeed> documents = buildTimer.record(() -> feedBuilder.build(input, marker.revision()));
        List<FeedPublications.Outgoing> plan = publications.plan(documents);
        List<FeedPublications.Outgoing> first = new ArrayList<>();
        FeedPublications.Outgoing atom = null;
        for (FeedPublications.Outgoing o : plan) {
            if (o.path().equals(FeedDocument.LAST_FEED_PATH)) {
                atom = o;
            } else {
                first.add(o);
            }
        }
        send(first);
        if (atom != null) {
            send(List.of(atom)); // only after every other feed of the revision was acknowledged
        }
        BuiltFeed atomFeed = documents.get(FeedDocument.LAST_FEED_PATH);
        warnings = atomFeed == null ? List.of() : atomFeed.withoutBody().warnings();
        built = marker;
        long changed = first.stream().filter(o -> !o.tombstone()).count();
        long removed = first.size() - changed;
        LOG.infof("published feeds of revision %s: %d changed, %d removed, %d unchanged, atom %s;"
                        + " %d of %d feeds rewritten, %d articles, in %d ms%s",
                shortRev(marker.revision()), changed, removed, documents.size() - 1 - changed,
                atom == null ? "already there" : "sent", feedBuilder.lastWritten(), documents.size(),
                input.articles().size(),
                (System.nanoTime() - start) / 1_000_000,
                warnings.isEmpty() ? "" : " (warning: " + String.join("; ", warnings) + ")");
        BurstMemory.afterBurst(marker.changedPaths().size() + marker.removedPaths().size());
    }

    private void send(List<FeedPublications.Outgoing> batch) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (FeedPublications.Outgoing o : batch) {
            String value = o.tombstone() ? null : EventCodec.encode(o.document());
            acks.add(out.send(Record.of(o.path(), value)).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending feeds", e);
        } catch (Exception e) {
            throw new IllegalStateException("feeds not acknowledged: " + e.getMessage(), e);
        }
        for (FeedPublications.Outgoing o : batch) {
            publications.record(o);
            (o.tombstone() ? tombstonesPublished : documentsPublished).increment();
        }
    }

    /** The feeds this process has published (or found on the topic at start). */
    public FeedPublications publications() {
        return publications;
    }

    public Status status() {
        RevisionMarker newest;
        List<String> missing;
        synchronized (state) {
            newest = state.newest();
            missing = newest == null ? List.of() : state.missing(10);
        }
        RevisionMarker done = built;
        boolean caughtUp = loaded && (newest == null ? !revisionsExistedAtStart : newest.equals(done));
        return new Status(loaded, newest == null ? null : newest.revision(), done == null ? null : done.revision(),
                caughtUp, missing, warnings);
    }

    private static String shortRev(String revision) {
        return revision == null ? "-" : revision.substring(0, Math.min(7, revision.length()));
    }
}
