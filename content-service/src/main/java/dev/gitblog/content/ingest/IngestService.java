package dev.gitblog.content.ingest;

import dev.gitblog.content.config.BlogConfig;
import dev.gitblog.content.events.ContentEventPublisher;
import dev.gitblog.content.events.PublishedStateReader;
import dev.gitblog.content.ingest.GitSource.Fetched;
import dev.gitblog.content.ingest.GitSource.GitSourceException;
import dev.gitblog.events.Entry;
import dev.gitblog.events.kafka.NativeLz4;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.gitblog.content.ingest.RevisionPipeline.abbrev;
import static dev.gitblog.content.ingest.RevisionPipeline.millisSince;

/**
 * The content pipeline's Quarkus side: reads the configuration, opens the {@link GitSource}, starts the watchers
 * and the poll, and runs {@link RevisionPipeline} (walk, classify, publish, snapshot) on its one worker thread
 * ({@code content-ingest}) after each fetch; requests (start, webhook, poll, watcher, retry) are coalesced by a
 * {@link CoalescingRunner}. A failed fetch or publish keeps the last revision served, records the error in the
 * status, and retries with backoff.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    @Inject
    BlogConfig config;

    @Inject
    ContentEventPublisher publisher;

    @Inject
    PublishedStateReader stateReader;

    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService executor;
    private CoalescingRunner runner;
    private GitSource source;
    private volatile RevisionPipeline pipeline;
    /** Stops the ref watcher, or in preview the work tree's watcher; null when none runs. */
    private Runnable stopWatcher;
    /** Preview: the work tree laid over HEAD (null when publishing). */
    private WorkTreeOverlay workTree;

    // worker-thread state
    private boolean readBackDone;
    private Duration backoff;
    private String lastLoggedError;

    private volatile IngestStatus status = IngestStatus.initial();
    private volatile RunTimes lastRun;

    private Counter fetchFailures;
    private Timer ingestTimer;

    /** Where the time of the last run that published a revision went, in ms (for the benchmark and logs). */
    public record RunTimes(long fetchMs, long walkMs, long buildMs, long publishMs, long totalMs) {
    }

    /** Kafka's LZ4 in native code before any client reads a batch (events NativeLz4); static: no bean yet. */
    static void loadNativeLz4(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        LOG.info("Kafka's LZ4 codec: " + NativeLz4.load());
    }

    void onStart(@Observes StartupEvent event) {
        GitSource.configureJGitCaches();
        fetchFailures = Counter.builder("content.fetch.failures")
                .description("failed fetches or publishes (retried with backoff)").register(registry);
        ingestTimer = Timer.builder("content.ingest.duration")
                .description("fetch + history walk + publish of one run").register(registry);
        registry.gauge("content.entries.live", this, s -> s.snapshot() == null ? 0 : s.snapshot().entries().size());
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "content-ingest");
            t.setDaemon(true);
            return t;
        });
        runner = new CoalescingRunner(executor, this::ingest, config.hook().quietPeriod());
        if (config.hookSecret().filter(s -> !s.isBlank()).isEmpty()) {
            LOG.warn("webhook disabled: BLOG_HOOK_SECRET (blog.hook-secret) is not set, POST /hooks/git answers 401");
        }
        RepoSpec spec;
        GitSource.LocalMode localMode;
        try {
            spec = RepoSpec.parse(config.repo().orElse(null));
            localMode = GitSource.LocalMode.parse(config.git().localMode());
        } catch (IllegalArgumentException e) {
            cannotStart(e.getMessage());
            return;
        }
        Path cloneDir = Path.of(config.data(), "content", "clone.git").toAbsolutePath().normalize();
        source = new GitSource(spec, cloneDir, config.git().sshKey().map(Path::of).orElse(null),
                config.git().sshKnownHosts().map(Path::of).orElse(null), localMode);
        status = status.withSource(spec.toString());
        LOG.infof(source.inPlace() ? "content source %s, read in place (read-only, no clone)"
                : "content source %s, clone in %s", spec, cloneDir);
        workTree = config.preview() ? preview(spec) : null;
        pipeline = new RevisionPipeline(config.sourceId(), config.publish().ackTimeout(), publisher, workTree);
        runner.request();
        Duration poll = pollInterval(config.git().pollInterval());
        if (poll != null) {
            LOG.infof("polling %s every %s", spec, poll);
            executor.scheduleWithFixedDelay(runner::request, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!config.preview()) {
            watchLocal(spec);
        }
    }

    /**
     * Preview mode (run.sh --preview): the work tree as it is on disk, drafts and unparsable posts shown, read
     * again on every change of the work tree. Null (and the committed branch published) when it is no local
     * work tree.
     */
    private WorkTreeOverlay preview(RepoSpec spec) {
        Path local = spec.localPath();
        if (local == null || !source.inPlace()) {
            cannotStart("preview needs BLOG_REPO to be a local work tree (read in place), not " + spec);
            return null;
        }
        stopWatcher = new WorkTreeWatcher(local, config.git().watchFallback(), runner::request).start()::close;
        LOG.infof("preview of the work tree %s: uncommitted and untracked files, drafts shown; every save is served",
                local);
        return new WorkTreeOverlay(local);
    }

    /** A local repository publishes its own commits: a watcher of the branch's ref asks for a run. */
    private void watchLocal(RepoSpec spec) {
        Path local = spec.localPath();
        if (local == null) {
            return;
        }
        if (!config.git().watch()) {
            LOG.infof("not watching %s (blog.git.watch=false): new commits are read on a webhook call%s", spec,
                    pollInterval(config.git().pollInterval()) == null ? "" : " or poll");
            return;
        }
        stopWatcher = LocalRefWatcher.ofRepository(local, source::branch, config.git().watchFallback(),
                runner::request).start()::close;
        LOG.infof("watching %s: new commits on the branch are published without a webhook", spec);
    }

    private void cannotStart(String message) {
        LOG.error(message);
        status = status.failed(message, Instant.now());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (stopWatcher != null) {
            stopWatcher.run();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (source != null) {
            source.close();
        }
        if (workTree != null) {
            workTree.close();
        }
    }

    static Duration pollInterval(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("off") || v.equals("disabled") || v.equals("false")) {
            return null;
        }
        Duration d = DurationConverter.parseDuration(v);
        return d == null || d.isZero() || d.isNegative() ? null : d;
    }

    /** Ask for a fetch (webhook, poll). Coalesced; never blocks. */
    public void requestSync() {
        if (runner != null && pipeline != null) {
            runner.request();
        }
    }

    public RunTimes lastRun() {
        return lastRun;
    }

    public ContentSnapshot snapshot() {
        RevisionPipeline p = pipeline;
        return p == null ? null : p.snapshot();
    }

    public IngestStatus status() {
        return status;
    }

    /** Preview: the uncommitted file with this blob id, else null ({@link RevisionPipeline#workTreeFile}). */
    public Path workTreeFile(String blobId) {
        RevisionPipeline p = pipeline;
        return p == null ? null : p.workTreeFile(blobId);
    }

    /** The markdown body of an article entry as published, or null ({@link RevisionPipeline#markdown}). */
    public String markdown(Entry entry) throws IOException {
        RevisionPipeline p = pipeline;
        return p == null ? null : p.markdown(entry, repository());
    }

    /** The bare clone, for streaming blobs; null before the first fetch. */
    public Repository repository() {
        return source == null ? null : source.repository();
    }

    /** Number of ingest runs so far (each run fetches once). */
    public long runs() {
        return runner == null ? 0 : runner.runs();
    }

    public boolean idle() {
        return runner == null || runner.idle();
    }

    private void ingest() {
        long start = System.nanoTime();
        try {
            if (!readBackDone && config.publish().readBack()) {
                PublishedStateReader.Published p = stateReader.read(config.sourceId(),
                        config.publish().readBackTimeout());
                pipeline.readBack(p.entries(), p.lastMarker());
                LOG.infof("read back %d published entries, last revision %s, in %d ms", p.entries().size(),
                        p.lastMarker() == null ? "none" : abbrev(p.lastMarker().revision()), millisSince(start));
            }
            readBackDone = true;
            long fetchStart = System.nanoTime();
            Fetched fetched = source.fetch();
            long fetchMs = millisSince(fetchStart);
            status = status.fetched(fetched.branch(), Instant.now());
            RevisionPipeline.Outcome run = pipeline.run(source.repository(), fetched.head());
            if (run.sent()) {
                lastRun = new RunTimes(fetchMs, run.walkMs(), run.buildMs(), run.publishMs(), millisSince(start));
                LOG.infof("published revision %s: %d changed, %d removed, %d unchanged in %d ms "
                                + "(fetch %d, walk %d, classify + plan %d, publish %d)", abbrev(run.revision()),
                        run.plan().changed().size(), run.plan().removed().size(), run.plan().unchanged(),
                        lastRun.totalMs(), fetchMs, run.walkMs(), run.buildMs(), run.publishMs());
                RevisionPipeline.logNotPublished(run.plan());
            }
            succeeded();
        } catch (GitSourceException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed("publishing failed: " + e.getClass().getSimpleName() + ": " + GitSource.rootMessage(e));
            LOG.debug("ingest failure", e);
        } finally {
            ingestTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void succeeded() {
        backoff = null;
        lastLoggedError = null;
        ContentSnapshot served = snapshot();
        if (served != null) {
            status = status.published(served.revision(), served.publishedAt());
        }
        status = status.cleared();
    }

    private void failed(String message) {
        fetchFailures.increment();
        Duration min = config.git().retryMin();
        Duration max = config.git().retryMax();
        backoff = backoff == null ? min : (backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2));
        status = status.failed(message, Instant.now());
        ContentSnapshot served = snapshot();
        if (!message.equals(lastLoggedError)) {
            LOG.warnf("%s; serving %s, retrying in %s", message,
                    served == null ? "nothing yet" : "revision " + abbrev(served.revision()),
                    backoff.toString().substring(2).toLowerCase(Locale.ROOT));
            lastLoggedError = message;
        } else {
            LOG.debugf("%s; retrying in %s", message, backoff);
        }
        runner.requestAfter(backoff);
    }
}
