package dev.gitblog.content.ingest;

import dev.gitblog.content.events.EntrySink;
import dev.gitblog.content.events.PublishPlan;
import dev.gitblog.content.frontmatter.EntryClassifier;
import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.history.HistoryWalker.History;
import dev.gitblog.events.BurstMemory;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.RevisionMarker;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What content-service does with a fetched head, without the framework around it: walk the new commits, build
 * the entries of the paths they touched, lay the work tree over them in preview, plan what differs from what
 * the topic holds, publish that plan, and swap in the snapshot the API serves.
 * <p>
 * The rule of a publish (docs/EVENTS.md, the RevisionMarker; docs/PIPELINE.md, the life of a push):
 * <ul>
 * <li>entries and tombstones first, at most {@value #ACK_WINDOW} waiting for their acknowledgement at once; the
 * marker only after every one of them was acknowledged, so a consumer never sees a marker whose entries are not
 * on the broker. The snapshot moves to the revision only once its marker was acknowledged too.</li>
 * <li>what the broker acknowledged is remembered as published even when the publish fails part-way: the retry
 * sends only what did not get through, and its marker names the paths of both attempts ({@code changedPaths}:
 * every path published with this revision; {@code removedPaths}: every path tombstoned since the last marker).</li>
 * <li>a head that already has its marker (this process sent it, or the read-back found it) gets nothing more.</li>
 * <li>a push compares only the paths walked since the last marker; the first run, a force-push, a switch of the
 * markdown flavor and every preview run compare everything.</li>
 * </ul>
 * Not thread-safe: {@link #readBack} and {@link #run} are called on one worker thread, one at a time.
 * {@link #snapshot()}, {@link #markdown} and {@link #workTreeFile} are safe from any thread.
 */
public final class RevisionPipeline {

    private static final Logger LOG = Logger.getLogger(RevisionPipeline.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Records waiting for their acknowledgement at most (the Kafka sink lets this many be in flight). */
    static final int ACK_WINDOW = 1000;
    /**
     * The heap's free share after a collection during a long walk and its publish. content-service's heap reaches
     * its cap in a whole history's walk anyway (the delta bases of two readers, the blobs read ahead, the entries
     * to publish); with run.sh's 30 % it got there in nine full collections, with 70 % in three.
     */
    static final int WALK_FREE_PERCENT = 70;

    /**
     * What one run did.
     *
     * @param revision  the revision served now (in preview, the work tree's)
     * @param plan      what differed from the topic
     * @param sent      false when the revision already had its marker: nothing was sent
     * @param walkMs    time of the history walk
     * @param buildMs   time of classify + plan
     * @param publishMs time from the first record sent to the marker's acknowledgement (0 when nothing was sent)
     */
    public record Outcome(String revision, PublishPlan plan, boolean sent, long walkMs, long buildMs,
                          long publishMs) {
    }

    private final String sourceId;
    private final Duration ackTimeout;
    private final EntrySink sink;
    /** Preview: the work tree laid over HEAD; null when publishing. */
    private final WorkTreeOverlay workTree;

    private final EntryBuilder builder = new EntryBuilder();
    /** Runs {@link EntryBuilder#readAhead} during a walk; its one thread ends when idle for 30 s. */
    private final ThreadPoolExecutor readAheadThread = threads("content-read-ahead", 1);
    /** Diffs the trees of a long walk (HistoryWalker), one thread per CPU; they end when idle for 30 s. */
    private final ThreadPoolExecutor diffThreads =
            threads("content-walk", Math.max(1, Runtime.getRuntime().availableProcessors()));
    private History history;
    private RevisionMarker lastMarker;
    /** Paths published (acknowledged) since the last marker, to the revision they were stamped with. */
    private final Map<String, String> changedSinceMarker = new TreeMap<>();
    /**
     * Paths that may differ from the snapshot's entries (walked since the last marker was sent): a push
     * classifies and compares only these. Null: everything (first run, force-push).
     */
    private Set<String> dirtySinceMarker;
    /** Paths tombstoned (acknowledged) since the last marker. */
    private final Set<String> removedSinceMarker = new TreeSet<>();
    /** What the topic holds, path to value without markdown; updated as acknowledgements arrive. */
    private final Map<String, Entry> published = new ConcurrentHashMap<>();

    private volatile ContentSnapshot snapshot;

    /**
     * @param sourceId   the key of the markers
     * @param ackTimeout how long to wait for a window of acknowledgements, and for the marker's
     * @param sink       where entries, tombstones and markers go
     * @param workTree   preview: the work tree to lay over HEAD; null when publishing
     */
    public RevisionPipeline(String sourceId, Duration ackTimeout, EntrySink sink, WorkTreeOverlay workTree) {
        this.sourceId = sourceId;
        this.ackTimeout = ackTimeout;
        this.sink = sink;
        this.workTree = workTree;
    }

    /** The snapshot of the last revision whose marker was acknowledged (or found already published); or null. */
    public ContentSnapshot snapshot() {
        return snapshot;
    }

    /**
     * Start from what the topics hold (the read-back at start): entries already there with the same value are not
     * sent again, and the next marker names {@code lastMarker}'s revision as its previous one.
     *
     * @param entries    content.entries, path to value
     * @param lastMarker this source's last marker on content.revisions, or null
     */
    public void readBack(Map<String, Entry> entries, RevisionMarker lastMarker) {
        published.clear();
        entries.forEach((path, e) -> published.put(path, e.withoutMarkdown()));
        this.lastMarker = lastMarker;
    }

    /**
     * Walk to {@code head}, build and plan, and publish what differs (entries, tombstones, then the marker).
     * On a failure (an entry or the marker not acknowledged in time, a blob that cannot be read) the snapshot
     * stays where it was and the next run starts from what got through.
     */
    public Outcome run(Repository repo, ObjectId head)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        WalkProgress progress = new WalkProgress();
        long records = 0;
        try {
            Outcome outcome = run(repo, head, progress);
            records = outcome.sent() ? outcome.plan().changed().size() + outcome.plan().removed().size() : 0;
            return outcome;
        } finally {
            if (records > 0 || progress.burst) {
                // a second later: the heap compacted after a big publish, the ratios a long walk loosened set back
                // (published or not, failed or not), the C heap trimmed (docs/PIPELINE.md, "The JVMs in a burst")
                BurstMemory.afterBurst(records);
            }
        }
    }

    private Outcome run(Repository repo, ObjectId head, WalkProgress progress)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        long walkStart = System.nanoTime();
        CompletableFuture<EntryBuilder.ReadAhead> readAhead =
                CompletableFuture.completedFuture(EntryBuilder.ReadAhead.NONE);
        if (history == null || !history.head().equals(head)) {
            readAhead = readAhead(repo, history == null ? null : history.head(), head);
            HistoryWalker.WalkResult walk = HistoryWalker.walk(repo, head, history, progress, diffThreads);
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
            computed = builder.build(reader, history, dirtySinceMarker, readAhead.join());
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
        ContentSnapshot current = snapshot;
        PublishPlan plan = dirtySinceMarker == null || current == null || builder.rebuiltAll()
                ? PublishPlan.of(published, computed, revision)
                : PublishPlan.incremental(published, current.entries(), computed, dirtySinceMarker, revision);
        long buildMs = millisSince(buildStart);
        LOG.debugf("walk %s ms, classify %s entries (%s blobs read, %s of them during the walk) + plan %s ms", walkMs,
                builder.lastBuilt(), builder.lastReads(), builder.lastReadAhead(), buildMs);
        if (alreadyPublished(plan, revision)) {
            if (current == null || !current.revision().equals(revision)) {
                snapshot = ContentSnapshot.of(revision, lastMarker.previousRevision(), revisionTime,
                        lastMarker.publishedAt(), plan.next());
                LOG.infof("revision %s is already published (%d entries): nothing to send", abbrev(revision),
                        plan.next().size());
            }
            dirtySinceMarker = new HashSet<>();
            return new Outcome(revision, plan, false, walkMs, buildMs, 0);
        }
        long publishStart = System.nanoTime();
        try (ObjectReader reader = repo.newObjectReader()) {
            publish(plan, revision, revisionTime, reader);
        }
        dirtySinceMarker = new HashSet<>();
        return new Outcome(revision, plan, true, walkMs, buildMs, millisSince(publishStart));
    }

    /**
     * Starts reading the blobs of {@code head} that the builder has not classified yet (those that differ from
     * {@code previousHead}'s, or all when it is null), on the read-ahead thread, while this thread walks the
     * history: the walk is one chain of tree diffs, so a second CPU would otherwise wait for it (docs/PIPELINE.md,
     * "Reading ahead of the walk"). A failure there only means the build reads those blobs itself.
     */
    private CompletableFuture<EntryBuilder.ReadAhead> readAhead(Repository repo, ObjectId previousHead,
                                                                ObjectId head) {
        return CompletableFuture.supplyAsync(() -> {
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
                ObjectId previousTree = previousHead == null ? null : walk.parseCommit(previousHead).getTree();
                return builder.readAhead(reader, previousTree, walk.parseCommit(head).getTree());
            } catch (IOException | RuntimeException e) {
                LOG.debugf(e, "reading ahead of the walk to %s failed; the build reads the blobs itself",
                        abbrev(head.name()));
                return EntryBuilder.ReadAhead.NONE;
            }
        }, readAheadThread);
    }

    /** Nothing differs, the revision has its marker, and no attempt since sent anything that marker misses. */
    private boolean alreadyPublished(PublishPlan plan, String revision) {
        return plan.isEmpty() && lastMarker != null && lastMarker.revision().equals(revision)
                && changedSinceMarker.isEmpty() && removedSinceMarker.isEmpty();
    }

    /**
     * Sends the plan's entries (each with its markdown, read back from its blob when the builder kept it without),
     * its tombstones, then the marker. What is published is remembered without markdown.
     */
    private void publish(PublishPlan plan, String revision, Instant revisionTime, ObjectReader reader)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        int total = plan.changed().size() + plan.removed().size();
        int sent = 0;
        long lastProgress = System.nanoTime();
        List<CompletableFuture<Void>> window = new ArrayList<>();
        try {
            for (Entry entry : plan.changed()) {
                Entry remembered = entry.withoutMarkdown();
                window.add(sink.entry(builder.withMarkdown(reader, entry))
                        .thenRun(() -> published.put(entry.path(), remembered)));
                if (window.size() >= ACK_WINDOW) {
                    await(window);
                    sent += window.size();
                    window.clear();
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
                        LOG.infof("publishing revision %s: %d/%d entries acknowledged", abbrev(revision), sent,
                                total);
                        lastProgress = System.nanoTime();
                    }
                }
            }
            for (String path : plan.removed()) {
                window.add(sink.tombstone(path).thenRun(() -> published.remove(path)));
            }
            await(window);
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
        RevisionMarker marker = new RevisionMarker(RevisionMarker.SCHEMA_VERSION, sourceId, revision,
                lastMarker == null ? null : lastMarker.revision(), revisionTime, changedPaths, removedPaths,
                plan.next().size(), now);
        sink.marker(marker).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        changedSinceMarker.clear();
        removedSinceMarker.clear();
        snapshot = ContentSnapshot.of(revision, marker.previousRevision(), marker.commitTime(), now, plan.next());
        lastMarker = marker;
    }

    private void await(List<CompletableFuture<Void>> futures)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Logs the entries of a plan that are sent but are no page: unparsable ones and drafts. */
    static void logNotPublished(PublishPlan plan) {
        for (Entry e : plan.changed()) {
            if (e.invalid() != null) {
                LOG.warnf("%s is not published as a page: %s", e.path(), e.invalid().reason());
            } else if (e.kind() == EntryKind.DRAFT) {
                LOG.infof("%s is a draft (its header says so): not published", e.path());
            }
        }
    }

    /**
     * Preview: the uncommitted file with this blob id, else null. The blob API serves the static ones (it
     * looks the id up among the static entries first); {@link #markdown} reads the articles.
     */
    public Path workTreeFile(String blobId) {
        return workTree == null ? null : workTree.file(blobId);
    }

    /**
     * The markdown body of an article entry of the published revision, read again from its blob in {@code repo}
     * as it was published (or, in preview, from the uncommitted file it was read from); null when neither has it
     * (a blob gone after a gc, a file saved again since).
     */
    public String markdown(Entry entry, Repository repo) throws IOException {
        if (entry.article() == null || entry.contentHash() == null) {
            return null;
        }
        if (entry.article().markdown() != null) {
            return entry.article().markdown();
        }
        ObjectId blob = ObjectId.fromString(entry.contentHash());
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

    /** {@code count} daemon threads named {@code name} (and a number when more than one), gone when idle 30 s. */
    private static ThreadPoolExecutor threads(String name, int count) {
        AtomicInteger created = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, count == 1 ? name : name + "-" + created.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Logs a long walk's progress every few seconds, and makes a walk of at least {@link BurstMemory#THRESHOLD}
     * commits a burst: the heap keeps {@value #WALK_FREE_PERCENT} % free after each collection until the settling
     * after the run, so that it grows towards its cap in a few collections, not one full collection after another
     * (docs/PIPELINE.md, "The JVMs in a burst").
     */
    private static final class WalkProgress implements HistoryWalker.Progress {
        private long last = System.nanoTime();
        /** Whether this walk loosened the heap's ratios. */
        boolean burst;

        @Override
        public void starting(int commits) {
            if (commits >= BurstMemory.THRESHOLD) {
                burst = BurstMemory.burstAhead(WALK_FREE_PERCENT);
            }
        }

        @Override
        public void walked(int done, int total) {
            long now = System.nanoTime();
            if (now - last > PROGRESS_EVERY_NANOS) {
                LOG.infof("walking history: %d/%d commits", done, total);
                last = now;
            }
        }
    }

    static String abbrev(String id) {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
