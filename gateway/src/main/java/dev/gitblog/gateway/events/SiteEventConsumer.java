package dev.gitblog.gateway.events;

import dev.gitblog.events.BurstMemory;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.EventCodec.EventFormatException;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.kafka.NativeLz4;
import dev.gitblog.gateway.pages.SitePages;
import dev.gitblog.gateway.site.AssemblyStatus;
import dev.gitblog.gateway.site.SiteAssembler;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Kafka side of the gateway: the four compacted topics feed one {@link SiteAssembler}, one poll's
 * records at a time (the channels consume in batches; the assembler is not thread-safe), and every complete
 * revision is swapped into the {@link SnapshotHolder} at once. Tombstones (null values) reach the assembler as
 * nulls. A value this code cannot read is logged and skipped; it never stops the channel. When the page store
 * cannot write (a full disk), the record or the composition is tried again, first after one second and then
 * at most every {@link #RETRY_MAX}, until it can: the site keeps serving the revision it serves, the problem is
 * in {@code /api/site} and readiness ({@code waitingFor}), and the channel waits rather than losing a record.
 */
@ApplicationScoped
public class SiteEventConsumer {

    private static final Logger LOG = Logger.getLogger(SiteEventConsumer.class);

    /** The first wait before a failed store is tried again; it doubles up to {@link #RETRY_MAX}. */
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);

    private final SiteAssembler assembler;
    private final SnapshotHolder holder;
    private final Counter swaps;
    private final Counter unreadable;
    private final Counter storeFailures;
    private final Timer republishLatency;
    private final Clock clock;

    private final SitePages pages;
    /** Sweeps a replaced snapshot's files while no new one comes ({@link #sweepRetired}). */
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "page-store-sweep");
        t.setDaemon(true);
        return t;
    });
    private boolean stopping; // guarded by this
    /** Why the page store failed the last try, until a try succeeds; null when it did. Guarded by this. */
    private String storeProblem;

    @Inject
    public SiteEventConsumer(SnapshotHolder holder, MeterRegistry registry, SitePages pages,
                             dev.gitblog.gateway.config.GatewayConfig config) {
        this(new SiteAssembler(config.preview() ? new dev.gitblog.gateway.preview.PreviewPageComposer()
                : new dev.gitblog.gateway.site.PageComposer(), pages.contentStore()), holder, registry,
                Clock.systemUTC(), pages);
    }

    SiteEventConsumer(SiteAssembler assembler, SnapshotHolder holder, MeterRegistry registry, Clock clock,
                      SitePages pages) {
        this.assembler = assembler;
        this.pages = pages;
        this.holder = holder;
        this.clock = clock;
        this.swaps = Counter.builder("gateway.snapshot.swaps")
                .description("complete revisions swapped in for serving").register(registry);
        this.unreadable = Counter.builder("gateway.events.unreadable")
                .description("event values that could not be decoded and were skipped").register(registry);
        this.storeFailures = Counter.builder("gateway.page-store.failures")
                .description("records and compositions the page store could not write (each tried again)")
                .register(registry);
        holder.statusSource(this::status);
        this.republishLatency = Timer.builder("gateway.republish.latency")
                .description("from content-service publishing a revision marker to this gateway serving it")
                .publishPercentileHistogram(false)
                .register(registry);
    }

    /** Kafka's LZ4 in native code before any client reads a batch (events NativeLz4); static: no bean yet. */
    static void loadNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        LOG.info("Kafka's LZ4 codec: " + NativeLz4.load());
    }

    /**
     * The topics are read from their beginning: a burst, whatever their size (docs/PIPELINE.md). With a page
     * store, a thread looks every sweep interval (at least a second) for a replaced snapshot's files to remove
     * ({@link #sweepRetired}).
     */
    void onStart(@Observes StartupEvent event) {
        BurstMemory.burstAhead();
        if (pages != null && pages.pageStore().isPresent()) {
            long every = Math.max(pages.sweepIntervalMillis(), 1000);
            sweeper.scheduleWithFixedDelay(this::sweepRetired, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Removes the files and bodies of a replaced snapshot once their grace period is over, when no swap since has
     * (a swap sweeps too): otherwise a site replaced by the last push, which can be the whole site after a
     * rewritten history, stays on disk, and its index in the heap, until the next push. Then the C heap is trimmed,
     * and after a whole burst's worth ({@link BurstMemory#THRESHOLD} files and bodies) the heap compacted, as after
     * the burst itself. Not while the page store fails: pages of a composition that is tried again are in no
     * snapshot yet.
     */
    synchronized void sweepRetired() {
        if (stopping || storeProblem != null || pages == null) {
            return;
        }
        try {
            int removed = pages.sweepRetired(assembler::liveContentNames);
            if (removed > 0) {
                LOG.logf(removed >= BurstMemory.THRESHOLD ? Logger.Level.INFO : Logger.Level.DEBUG,
                        "page store: removed %d files and bodies of replaced revisions%s", removed,
                        pages.pageStore().map(st -> String.format("; %d pages and variants, %d bodies, %d MB remain",
                                st.fileCount(), st.bodyCount(), st.bytesOnDisk() >> 20)).orElse(""));
                BurstMemory.afterBurst(removed);
            }
        } catch (RuntimeException e) { // the next interval tries again; the thread must not die of it
            LOG.warnf("page store: the sweep of replaced revisions failed: %s", e.toString());
        }
    }

    @Incoming("entries-in")
    @Blocking
    public void entries(ConsumerRecords<String, byte[]> batch) {
        apply("entry", batch, (a, path, value) -> a.entry(path,
                value == null ? null : EventCodec.entryWithoutMarkdown(value)));
    }

    @Incoming("fragments-in")
    @Blocking
    public void fragments(ConsumerRecords<String, byte[]> batch) {
        apply("fragment", batch, (a, path, value) -> a.fragment(path,
                value == null ? null : EventCodec.fragment(value)));
    }

    @Incoming("feeds-in")
    @Blocking
    public void feeds(ConsumerRecords<String, byte[]> batch) {
        apply("feed", batch, (a, feedPath, value) -> a.feed(feedPath,
                value == null ? null : EventCodec.feed(value)));
    }

    @Incoming("revisions-in")
    @Blocking
    public void revisions(ConsumerRecords<String, byte[]> batch) {
        apply("revision marker", batch, (a, sourceId, value) -> {
            if (value == null) {
                return; // a marker is never deleted; a tombstone here means nothing to the site
            }
            RevisionMarker marker = EventCodec.revision(value);
            a.marker(marker);
            holder.markerSeen(marker.revision());
        });
    }

    /**
     * Shutdown, before the page store is removed (its observer has the default, later priority): waits for the
     * event being applied, then drops the ones the consumers still deliver. A restart reads the topics again.
     */
    synchronized void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        sweeper.shutdownNow();
        notifyAll(); // a store waiting to be tried again gives up
    }

    /** What one record of a topic does to the assembler: its key, and its value or null for a tombstone. */
    @FunctionalInterface
    private interface Step {
        void apply(SiteAssembler assembler, String key, byte[] valueOrNull);
    }

    /**
     * Applies the records of one poll in their order, then swaps in a snapshot if the newest revision just became
     * complete. One poll at a time, not one record: a catch-up of 15,000 records would otherwise pay a hand-off
     * between threads and a completeness check for each (docs/PIPELINE.md, "Consuming in batches").
     */
    private synchronized void apply(String what, ConsumerRecords<String, byte[]> batch, Step step) {
        if (stopping) {
            return;
        }
        BurstMemory.arriving(batch.count());
        for (ConsumerRecord<String, byte[]> record : batch) {
            boolean applied = untilStored(() -> what + " for " + record.key(), () -> {
                try {
                    step.apply(assembler, record.key(), record.value());
                } catch (EventFormatException | IllegalArgumentException e) {
                    unreadable.increment();
                    LOG.warnf("skipped an unreadable %s for %s: %s", what, record.key(), e.getMessage());
                }
                return true;
            }) != null;
            if (!applied) {
                return; // stopping
            }
        }
        Optional<SiteSnapshot> snapshot = untilStored(() -> "the pages of revision "
                + shortId(assembler.status().newestRevision()), assembler::completeSnapshot);
        if (snapshot != null) {
            snapshot.ifPresent(this::serve);
        }
    }

    /**
     * {@code action}'s result, once it did not fail for the page store's I/O: each failure is counted, logged and
     * kept for {@link #status()}, and the action is tried again after a wait that doubles from
     * {@link #RETRY_FIRST} to {@link #RETRY_MAX}. The lock is released while waiting (the other channels go on,
     * {@link #status()} answers); null once the gateway is stopping (or the thread is interrupted, which only a
     * shutdown does). An action that fails leaves the assembler as it was: a record is applied whole or not at
     * all, a failed composition is composed again.
     */
    private <T> T untilStored(Supplier<String> what, Supplier<T> action) {
        Duration wait = RETRY_FIRST;
        boolean failed = false;
        while (!stopping) {
            try {
                T result = action.get();
                if (failed) {
                    LOG.infof("page store: stored %s after all", what.get());
                    storeProblem = null;
                }
                return result;
            } catch (UncheckedIOException e) {
                failed = true;
                storeFailures.increment();
                String served = shortId(holder.servedRevision());
                // the reader's words, without the store's paths: /api/site is public; the log has the error
                storeProblem = "the page store cannot write (a full disk?): the gateway tries again every "
                        + RETRY_MAX.toSeconds() + " s at most and serves revision " + served + " meanwhile";
                LOG.errorf("page store: cannot store %s (%s); trying again in %d s, serving revision %s meanwhile",
                        what.get(), describe(e), wait.toSeconds(), served);
                try {
                    wait(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
            }
        }
        return null;
    }

    private void serve(SiteSnapshot snapshot) {
        SiteSnapshot previous = holder.swap(snapshot);
        swaps.increment();
        if (pages != null) {
            if (previous != null) {
                // requests that took the previous snapshot may still open its files: they stay for the grace period
                pages.retired(previous.contentNames());
            }
            pages.maybeSweep(assembler::liveContentNames);
        }
        var status = assembler.status();
        Duration latency = status.newestPublishedAt() == null || !snapshot.revision().equals(status.newestRevision())
                ? null : Duration.between(status.newestPublishedAt(), clock.instant());
        if (latency != null && !latency.isNegative() && previous != null) {
            // the first swap after start measures the catch-up from the topics, not a republish
            republishLatency.record(latency);
        }
        LOG.infof("serving revision %s: %d pages (%d recomposed, %d reused in %d ms), %d articles%s%s%s",
                shortId(snapshot.revision()), snapshot.pages().size(), status.pagesRecomposed(),
                status.pagesReused(), status.composeMillis(), snapshot.articles().size(),
                previous == null ? ", first revision" : ", replacing " + shortId(previous.revision()),
                latency == null || latency.isNegative() ? "" : ", " + latency.toMillis() + " ms after it was published",
                pages == null ? "" : pages.pageStore().map(s -> String.format(
                        "; page store %d pages and variants, %d bodies, %d MB", s.fileCount(), s.bodyCount(),
                        s.bytesOnDisk() >> 20)).orElse(""));
        holder.announce(previous, snapshot,
                snapshot.revision().equals(status.newestRevision()) ? status.newestPublishedAt() : null);
        BurstMemory.afterBurst(status.pagesRecomposed());
    }

    /** The assembler's report (waits while a revision is being composed). */
    public synchronized AssemblyStatus status() {
        return assembler.status().withStoreProblem(storeProblem);
    }

    /** The store's error and its cause, as "cannot write FILE: No space left on device". */
    private static String describe(UncheckedIOException e) {
        String message = e.getMessage().startsWith("page store: ") ? e.getMessage().substring(12) : e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause.getMessage() == null || message.contains(cause.getMessage())
                ? message : message + ": " + cause.getMessage();
    }

    private static String shortId(String revision) {
        return revision == null ? "-" : revision.substring(0, Math.min(7, revision.length()));
    }
}
