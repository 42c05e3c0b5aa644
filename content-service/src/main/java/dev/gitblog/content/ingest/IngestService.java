package dev.gitblog.content.ingest;

import dev.gitblog.content.config.BlogConfig;
import dev.gitblog.content.events.ContentEventPublisher;
import dev.gitblog.content.events.PublishPlan;
import dev.gitblog.content.events.PublishedStateReader;
import dev.gitblog.content.frontmatter.EntryClassifier;
import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.history.HistoryWalker.History;
import dev.gitblog.content.ingest.GitSource.Fetched;
import dev.gitblog.content.ingest.GitSource.GitSourceException;
import dev.gitblog.events.Entry;
import dev.gitblog.events.RevisionMarker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The content pipeline: fetch, walk the new commits, classify the changed blobs, publish what differs (entries
 * first, each acknowledged, then the marker), swap the snapshot the API serves. Runs on one worker thread
 * ({@code content-ingest}); requests (start, webhook, poll, retry) are coalesced by a {@link CoalescingRunner}.
 * A failed fetch or publish keeps the last revision served, records the error, and retries with backoff.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int ACK_WINDOW = 1000;

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
    private LocalRefWatcher refWatcher;
    /** Preview mode: the work tree laid over HEAD, and its watcher (both null when publishing). */
    private WorkTreeOverlay workTree;
    private WorkTreeWatcher workTreeWatcher;

    // worker-thread state
    private final EntryBuilder builder = new EntryBuilder();
    private History history;
    private RevisionMarker lastMarker;
    private boolean readBackDone;
    private final Map<String, String> changedSinceMarker = new TreeMap<>();
    /**
     * Paths that may differ from the snapshot's entries (walked since the last marker was sent): a push
     * classifies and compares only these. Null: everything (first run, force-push).
     */
    private Set<String> dirtySinceMarker;
    private final Set<String> removedSinceMarker = new TreeSet<>();
    private Duration backoff;
    private String lastLoggedError;

    /** What the topic holds, path to value; updated as acknowledgements arrive. */
    private final Map<String, Entry> published = new ConcurrentHashMap<>();

    private volatile ContentSnapshot snapshot;
    private volatile IngestStatus status = IngestStatus.initial();

    private Counter revisionsPublished;
    private Counter entriesPublished;
    private Counter tombstonesPublished;
    private Counter fetchFailures;
    private Timer ingestTimer;

    void onStart(@Observes StartupEvent event) {
        revisionsPublished = Counter.builder("content.revisions.published")
                .description("revision markers published").register(registry);
        entriesPublished = Counter.builder("content.entries.published")
                .description("entry values published (changed entries only)").register(registry);
        tombstonesPublished = Counter.builder("content.tombstones.published")
                .description("tombstones published for removed paths").register(registry);
        fetchFailures = Counter.builder("content.fetch.failures")
                .description("failed fetches or publishes (retried with backoff)").register(registry);
        ingestTimer = Timer.builder("content.ingest.duration")
                .description("fetch + history walk + publish of one run").register(registry);
        registry.gauge("content.entries.live", this, s -> s.snapshot == null ? 0 : s.snapshot.entries().size());

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
        try {
            spec = RepoSpec.parse(config.repo().orElse(null));
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            status = status.failed(e.getMessage(), Instant.now());
            return;
        }
        Path cloneDir = Path.of(config.data(), "content", "clone.git").toAbsolutePath().normalize();
        GitSource.LocalMode localMode;
        try {
            localMode = GitSource.LocalMode.parse(config.git().localMode());
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            status = status.failed(e.getMessage(), Instant.now());
            return;
        }
        source = new GitSource(spec, cloneDir, config.git().sshKey().map(Path::of).orElse(null),
                config.git().sshKnownHosts().map(Path::of).orElse(null), localMode);
        status = status.withSource(spec.toString());
        if (source.inPlace()) {
            LOG.infof("content source %s, read in place (read-only, no clone)", spec);
        } else {
            LOG.infof("content source %s, clone in %s", spec, cloneDir);
        }
        runner.request();
        Duration poll = pollInterval(config.git().pollInterval());
        if (poll != null) {
            LOG.infof("polling %s every %s", spec, poll);
            executor.scheduleWithFixedDelay(runner::request, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (config.preview()) {
            preview(spec);
        } else {
            watchLocal(spec);
        }
    }

    /**
     * Preview mode (run.sh --preview): the work tree as it is on disk, drafts and unparsable posts shown, read
     * again on every change of the work tree.
     */
    private void preview(RepoSpec spec) {
        Path local = spec.localPath();
        if (local == null || !source.inPlace()) {
            String message = "preview needs BLOG_REPO to be a local work tree (read in place), not " + spec;
            LOG.error(message);
            status = status.failed(message, Instant.now());
            return;
        }
        workTree = new WorkTreeOverlay(local);
        workTreeWatcher = new WorkTreeWatcher(local, config.git().watchFallback(), runner::request).start();
        LOG.infof("preview of the work tree %s: uncommitted and untracked files, drafts shown; every save is served",
                local);
    }

    /**
     * Preview: the uncommitted file with this blob id, else null. The blob API serves the static ones (it
     * looks the id up among the static entries first); {@link #markdown} reads the articles.
     */
    public Path workTreeFile(String blobId) {
        WorkTreeOverlay w = workTree;
        return w == null ? null : w.file(blobId);
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
        GitSource watched = source;
        refWatcher = new LocalRefWatcher(() -> {
            try {
                java.io.File dir = GitSource.localGitDir(local);
                return dir == null ? null : LocalRefWatcher.refsDir(dir.toPath());
            } catch (java.io.IOException e) {
                return null;
            }
        }, watched::branch, config.git().watchFallback(), runner::request).start();
        LOG.infof("watching %s: new commits on the branch are published without a webhook", spec);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refWatcher != null) {
            refWatcher.close();
        }
        if (workTreeWatcher != null) {
            workTreeWatcher.close();
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
        if (runner != null && source != null) {
            runner.request();
        }
    }

    /** Where the time of the last run that published a revision went, in ms (for the benchmark and logs). */
    public record RunTimes(long fetchMs, long walkMs, long buildMs, long publishMs, long totalMs) {
    }

    private volatile RunTimes lastRun;

    public RunTimes lastRun() {
        return lastRun;
    }

    public ContentSnapshot snapshot() {
        return snapshot;
    }

    public IngestStatus status() {
        return status;
    }

    /**
     * The markdown body of an article entry of the published revision, read again from its blob as it was
     * published (or, in preview, from the uncommitted file it was read from); null when neither has it (a blob
     * gone after a gc, a file saved again since). Safe from any thread.
     */
    public String markdown(Entry entry) throws IOException {
        if (entry.article() == null || entry.contentHash() == null) {
            return null;
        }
        if (entry.article().markdown() != null) {
            return entry.article().markdown();
        }
        ObjectId blob = ObjectId.fromString(entry.contentHash());
        Repository repo = repository();
        if (repo != null) {
            try (ObjectReader reader = repo.newObjectReader()) {
                if (reader.has(blob)) {
                    return builder.withMarkdown(reader, entry).article().markdown();
                }
            }
        }
        Path file = workTreeFile(entry.contentHash());
        if (file != null) {
            byte[] bytes = Files.readAllBytes(file);
            try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
                if (hasher.idFor(Constants.OBJ_BLOB, bytes).equals(blob)) {
                    Entry.Article a = EntryClassifier.classify(entry.path(), bytes, entry.article().markdownFlavor())
                            .article();
                    return a == null ? null : a.markdown();
                }
            }
        }
        return null;
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
            if (!readBackDone) {
                readBack();
            }
            long fetchStart = System.nanoTime();
            Fetched fetched = source.fetch();
            long fetchMs = millisSince(fetchStart);
            status = status.fetched(fetched.branch(), Instant.now());
            ObjectId head = fetched.head();
            Repository repo = source.repository();
            long walkStart = System.nanoTime();
            if (history == null || !history.head().equals(head)) {
                HistoryWalker.WalkResult walk = HistoryWalker.walk(repo, head, history, progressLogger());
                history = walk.history();
                if (walk.fullRecompute() || dirtySinceMarker == null) {
                    dirtySinceMarker = null;
                } else {
                    dirtySinceMarker.addAll(walk.changedPaths());
                }
                LOG.debugf("walked %s commits (%s) in %s ms", (Object) walk.commitsWalked(),
                        walk.fullRecompute() ? "full history" : "incremental", millisSince(walkStart));
                if (walk.fullRecompute() && walk.commitsWalked() > 1000) {
                    LOG.infof("walked the whole history: %d commits in %d ms", walk.commitsWalked(),
                            millisSince(walkStart));
                }
            }
            long walkMs = millisSince(walkStart);
            long buildStart = System.nanoTime();
            Map<String, Entry> computed;
            try (ObjectReader reader = repo.newObjectReader()) {
                computed = builder.build(reader, history, dirtySinceMarker);
            }
            String revision = head.name();
            Instant revisionTime = history.headTime();
            if (workTree != null) {
                // preview: the work tree over HEAD; compare everything (a reverted file is no walked path)
                WorkTreeOverlay.Overlaid overlaid = workTree.overlay(head, history, computed);
                computed = PreviewEntries.shown(overlaid.entries());
                revision = overlaid.revision();
                revisionTime = overlaid.time();
                dirtySinceMarker = null;
            }
            // a push compares only the paths it touched; the first run, a force-push and a switch of the
            // markdown flavor (every article changes) compare everything
            PublishPlan plan = dirtySinceMarker == null || snapshot == null || builder.rebuiltAll()
                    ? PublishPlan.of(published, computed, revision)
                    : PublishPlan.incremental(published, snapshot.entries(), computed, dirtySinceMarker, revision);
            long buildMs = millisSince(buildStart);
            LOG.debugf("fetch %s ms, walk %s ms, classify %s entries (%s blobs read) + plan %s ms", fetchMs, walkMs,
                    builder.lastBuilt(), builder.lastReads(), buildMs);
            if (plan.isEmpty() && lastMarker != null && lastMarker.revision().equals(revision)
                    && changedSinceMarker.isEmpty() && removedSinceMarker.isEmpty()) {
                if (snapshot == null || !snapshot.revision().equals(revision)) {
                    snapshot = ContentSnapshot.of(revision, lastMarker.previousRevision(), revisionTime,
                            lastMarker.publishedAt(), plan.next());
                    LOG.infof("revision %s is already published (%d entries): nothing to send", abbrev(revision),
                            plan.next().size());
                }
                dirtySinceMarker = new HashSet<>();
                succeeded();
                return;
            }
            long publishStart = System.nanoTime();
            try (ObjectReader reader = repo.newObjectReader()) {
                publish(plan, revision, revisionTime, reader);
            }
            dirtySinceMarker = new HashSet<>();
            lastRun = new RunTimes(fetchMs, walkMs, buildMs, millisSince(publishStart), millisSince(start));
            LOG.infof("published revision %s: %d changed, %d removed, %d unchanged in %d ms "
                            + "(fetch %d, walk %d, classify + plan %d, publish %d)", abbrev(revision),
                    plan.changed().size(), plan.removed().size(), plan.unchanged(), lastRun.totalMs(), fetchMs,
                    walkMs, buildMs, lastRun.publishMs());
            logInvalid(plan);
            succeeded();
        } catch (GitSourceException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String message = e.getClass().getSimpleName() + ": " + GitSource.rootMessage(e);
            failed("publishing failed: " + message);
            LOG.debug("ingest failure", e);
        } finally {
            ingestTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void readBack() {
        if (config.publish().readBack()) {
            long t0 = System.nanoTime();
            PublishedStateReader.Published p = stateReader.read(config.sourceId(), config.publish().readBackTimeout());
            published.clear();
            p.entries().forEach((path, e) -> published.put(path, e.withoutMarkdown()));
            lastMarker = p.lastMarker();
            LOG.infof("read back %d published entries, last revision %s, in %d ms", p.entries().size(),
                    lastMarker == null ? "none" : abbrev(lastMarker.revision()), millisSince(t0));
        }
        readBackDone = true;
    }

    /**
     * Sends the plan's entries (each with its markdown, read back from its blob when the builder kept it without),
     * its tombstones, then the marker. What is published is remembered without markdown.
     */
    private void publish(PublishPlan plan, String revision, Instant revisionTime, ObjectReader reader)
            throws Exception {
        long timeoutMs = config.publish().ackTimeout().toMillis();
        int total = plan.changed().size() + plan.removed().size();
        int sent = 0;
        long lastProgress = System.nanoTime();
        List<CompletableFuture<Void>> window = new ArrayList<>();
        for (Entry entry : plan.changed()) {
            Entry remembered = entry.withoutMarkdown();
            window.add(publisher.entry(builder.withMarkdown(reader, entry)).thenRun(() -> {
                published.put(entry.path(), remembered);
                entriesPublished.increment();
            }));
            if (window.size() >= ACK_WINDOW) {
                await(window, timeoutMs);
                sent += window.size();
                window.clear();
                if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                    LOG.infof("publishing revision %s: %d/%d entries acknowledged", abbrev(revision), sent, total);
                    lastProgress = System.nanoTime();
                }
            }
        }
        for (String path : plan.removed()) {
            window.add(publisher.tombstone(path).thenRun(() -> {
                published.remove(path);
                tombstonesPublished.increment();
            }));
        }
        try {
            await(window, timeoutMs);
        } finally {
            // remember what did get through, so that a retry's marker names it too
            for (Entry e : plan.changed()) {
                if (e.withoutMarkdown().equals(published.get(e.path()))) {
                    changedSinceMarker.put(e.path(), e.revision());
                    removedSinceMarker.remove(e.path());
                }
            }
            for (String path : plan.removed()) {
                if (!published.containsKey(path)) {
                    removedSinceMarker.add(path);
                    changedSinceMarker.remove(path);
                }
            }
        }
        List<String> changedPaths = changedSinceMarker.entrySet().stream()
                .filter(e -> e.getValue().equals(revision)).map(Map.Entry::getKey).toList();
        List<String> removedPaths = removedSinceMarker.stream().filter(p -> !plan.next().containsKey(p)).toList();
        Instant now = Instant.now();
        RevisionMarker marker = new RevisionMarker(RevisionMarker.SCHEMA_VERSION, config.sourceId(), revision,
                lastMarker == null ? null : lastMarker.revision(), revisionTime, changedPaths, removedPaths,
                plan.next().size(), now);
        publisher.marker(marker).get(timeoutMs, TimeUnit.MILLISECONDS);
        revisionsPublished.increment();
        changedSinceMarker.clear();
        removedSinceMarker.clear();
        snapshot = ContentSnapshot.of(revision, marker.previousRevision(), marker.commitTime(), now, plan.next());
        lastMarker = marker;
        status = status.published(revision, now);
    }

    private static void await(List<CompletableFuture<Void>> futures, long timeoutMs) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private void logInvalid(PublishPlan plan) {
        for (Entry e : plan.changed()) {
            if (e.invalid() != null) {
                LOG.warnf("%s is not published as a page: %s", e.path(), e.invalid().reason());
            } else if (e.kind() == dev.gitblog.events.EntryKind.DRAFT) {
                LOG.infof("%s is a draft (its header says so): not published", e.path());
            }
        }
    }

    private void succeeded() {
        backoff = null;
        lastLoggedError = null;
        if (snapshot != null) {
            status = status.published(snapshot.revision(), snapshot.publishedAt());
        }
        status = status.cleared();
    }

    private void failed(String message) {
        fetchFailures.increment();
        Duration min = config.git().retryMin();
        Duration max = config.git().retryMax();
        backoff = backoff == null ? min : (backoff.multipliedBy(2).compareTo(max) > 0 ? max : backoff.multipliedBy(2));
        status = status.failed(message, Instant.now());
        if (!message.equals(lastLoggedError)) {
            LOG.warnf("%s; serving %s, retrying in %s", message,
                    snapshot == null ? "nothing yet" : "revision " + snapshot.revision().substring(0, 7),
                    backoff.toString().substring(2).toLowerCase(Locale.ROOT));
            lastLoggedError = message;
        } else {
            LOG.debugf("%s; retrying in %s", message, backoff);
        }
        runner.requestAfter(backoff);
    }

    private HistoryWalker.Progress progressLogger() {
        long[] last = {System.nanoTime()};
        return (done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > PROGRESS_EVERY_NANOS) {
                LOG.infof("walking history: %d/%d commits", done, total);
                last[0] = now;
            }
        };
    }

    private static String abbrev(String id) {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
