package dev.gitblog.content.history;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dates of every path (docs/FORMAT.md §2.1) in one pass over the history: one RevWalk in topological order,
 * parents before children, each commit's tree diffed against the tree of the commit visited just before it
 * (equivalent to comparing every path of the commit with the blob it had when last seen). For each path:
 * created = author date of the first visited commit that contained it (deleting and re-adding does not reset
 * it), updated = author date of the last visited commit that changed its blob. Committer dates are ignored;
 * instants are UTC.
 * <p>
 * Incremental: when the new head descends from the last walked commit, only the new commits are walked,
 * starting from the previous state. Otherwise (force-push, first walk) the whole history is recomputed.
 * For a linear push this equals a full walk; with a merge that brings in old side-branch commits the
 * incremental walk visits them after the previous head, which the full walk might order differently
 * (docs/FORMAT.md §2.1 calls the order among concurrent commits open).
 * <p>
 * The diffs form a chain that ends at the head (each commit against the one visited before it), so applying
 * them in order also yields the head's blobs: no separate listing of the head's tree. An incremental walk
 * therefore costs what the push changed: the new commits' diffs and a copy of two maps; it names the paths
 * whose dates or head blob changed ({@link WalkResult#changedPaths()}), so that the callers classify and
 * compare only those.
 */
public final class HistoryWalker {

    /**
     * The commits one reader diffs in a row, a run. A reader keeps JGit's cache of delta bases while it lives, and
     * over a whole history one reader's cache did no better than fresh ones: at 5,000 posts (6,667 commits, the
     * quick compiler, one thread, a warm JVM) a full walk took 2.0 s with one reader and 1.47, 1.25 and 1.30 s with
     * a new one every 1,024, 256 and 64 commits with JGit's 10 MiB cache; with content-service's 32 MiB
     * (GitSource) about the same either way (1.3-1.6 s). The runs are what lets a walk use more than one thread.
     */
    static final int COMMITS_PER_RUN = 256;

    /** One differing path of one commit, as {@link TreeDiff} reports it. */
    private record Change(String path, int mode, ObjectId blob) {
    }

    private HistoryWalker() {
    }

    /** The dates of one path and the blob it had in the last visited commit that contained it. */
    public record PathDates(Instant created, Instant updated, ObjectId lastBlob) {
    }

    /**
     * The state after a walk: the last walked commit, the dates of every path ever seen, and the blobs of the
     * head's tree (the live paths; not sorted).
     */
    public record History(ObjectId head, Instant headTime, Map<String, PathDates> paths,
                          Map<String, ObjectId> headBlobs) {
        public History {
            paths = Collections.unmodifiableMap(paths);
            headBlobs = Collections.unmodifiableMap(headBlobs);
        }
    }

    /**
     * What a walk did.
     *
     * @param removedPaths paths live at the previous head and absent from the new one (deleted, or gone with a
     *                     force-push), in path order
     * @param changedPaths for an incremental walk: every path whose dates changed in the new commits or whose
     *                     blob at head differs from the previous head (added, edited, removed), in path order;
     *                     null after a full recompute (everything may have changed)
     */
    public record WalkResult(History history, boolean fullRecompute, int commitsWalked, List<String> removedPaths,
                             Set<String> changedPaths) {
    }

    /** Told how many commits a walk has before it diffs them, and after each one it applied. */
    @FunctionalInterface
    public interface Progress {
        void walked(int done, int total);

        /** Before the first diff: the walk has {@code commits} commits. */
        default void starting(int commits) {
        }

        Progress NONE = (done, total) -> { };
    }

    /**
     * @param repo     the repository
     * @param head     the commit to walk up to
     * @param previous the state of the last walk, or null
     */
    public static WalkResult walk(Repository repo, ObjectId head, History previous, Progress progress)
            throws IOException {
        return walk(repo, head, previous, progress, null);
    }

    /**
     * As {@link #walk(Repository, ObjectId, History, Progress)}, the tree diffs of a long walk spread over
     * {@code diffThreads}: each diff compares two trees that are known before the walk starts, so runs of
     * {@value #COMMITS_PER_RUN} commits are diffed at once, each with a reader of its own, while this thread
     * applies their results in the walk's order: the same result as one thread's walk (docs/PIPELINE.md, "The
     * history walk on more than one thread"). A walk of fewer than two runs, or without {@code diffThreads}, diffs
     * its runs on this thread.
     *
     * @param diffThreads where the runs are diffed, or null
     */
    public static WalkResult walk(Repository repo, ObjectId head, History previous, Progress progress,
                                  Executor diffThreads) throws IOException {
        return walk(repo, head, previous, progress, diffThreads, COMMITS_PER_RUN);
    }

    /** As {@link #walk(Repository, ObjectId, History, Progress, Executor)}, in runs of {@code commitsPerRun}. */
    static WalkResult walk(Repository repo, ObjectId head, History previous, Progress progress,
                           Executor diffThreads, int commitsPerRun) throws IOException {
        try (ObjectReader reader = repo.newObjectReader()) {
            boolean incremental = previous != null && descendsFrom(reader, head, previous.head());
            List<RevCommit> commits = new ArrayList<>();
            ObjectId previousTree = null;
            RevCommit headCommit;
            try (RevWalk walk = new RevWalk(reader)) {
                walk.sort(RevSort.TOPO, true);
                walk.sort(RevSort.REVERSE, true);
                headCommit = walk.parseCommit(head);
                walk.markStart(headCommit);
                if (incremental) {
                    RevCommit last = walk.parseCommit(previous.head());
                    walk.markUninteresting(last);
                    previousTree = last.getTree().getId();
                }
                for (RevCommit c : walk) {
                    commits.add(c);
                }
            }
            progress.starting(commits.size());
            Dates dates = new Dates(incremental ? previous : null);
            Executor diffOn = diffThreads == null || commits.size() < 2 * commitsPerRun ? Runnable::run : diffThreads;
            diffAndApply(repo, commits, previousTree, commitsPerRun, diffOn, dates, progress);
            List<String> removed = new ArrayList<>();
            Set<String> changed = dates.changed;
            if (incremental) {
                for (String path : dates.touched) {
                    if (!Objects.equals(previous.headBlobs().get(path), dates.headBlobs.get(path))) {
                        changed.add(path);
                        if (!dates.headBlobs.containsKey(path)) {
                            removed.add(path);
                        }
                    }
                }
            } else if (previous != null) {
                for (String path : previous.headBlobs().keySet()) {
                    if (!dates.headBlobs.containsKey(path)) {
                        removed.add(path);
                    }
                }
            }
            Collections.sort(removed);
            Instant headTime = headCommit.getAuthorIdent().getWhenAsInstant();
            return new WalkResult(new History(headCommit.copy(), headTime, dates.paths, dates.headBlobs), !incremental,
                    commits.size(), List.copyOf(removed),
                    changed == null ? null : Collections.unmodifiableSet(changed));
        }
    }

    /**
     * Diffs the commits in runs of {@code commitsPerRun} on {@code diffThreads} (the first of each run against
     * the tree of the commit before it) and applies each run's changes in order as it is done. A failure stops the
     * runs not yet started and is thrown here.
     */
    private static void diffAndApply(Repository repo, List<RevCommit> commits, ObjectId firstPreviousTree,
                                     int commitsPerRun, Executor diffThreads, Dates dates, Progress progress)
            throws IOException {
        AtomicBoolean failed = new AtomicBoolean();
        List<CompletableFuture<List<List<Change>>>> runs = new ArrayList<>();
        for (int from = 0; from < commits.size(); from += commitsPerRun) {
            int start = from;
            int end = Math.min(from + commitsPerRun, commits.size());
            ObjectId before = start == 0 ? firstPreviousTree : commits.get(start - 1).getTree().getId();
            runs.add(CompletableFuture.supplyAsync(() -> {
                if (failed.get()) {
                    throw new CancellationException("an earlier run failed");
                }
                try {
                    return diffRun(repo, commits.subList(start, end), before);
                } catch (IOException e) {
                    failed.set(true);
                    throw new UncheckedIOException(e);
                }
            }, diffThreads));
        }
        int done = 0;
        for (int r = 0; r < runs.size(); r++) {
            List<List<Change>> run;
            try {
                run = runs.get(r).join();
            } catch (CompletionException e) {
                failed.set(true);
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
            for (int i = 0; i < run.size(); i++) {
                Instant when = commits.get(r * commitsPerRun + i).getAuthorIdent().getWhenAsInstant();
                for (Change c : run.get(i)) {
                    dates.apply(when, c.path(), c.mode(), c.blob());
                }
                progress.walked(++done, commits.size());
            }
        }
    }

    /** The changes of each of {@code run}'s commits against the one before it, with a reader of its own. */
    private static List<List<Change>> diffRun(Repository repo, List<RevCommit> run, ObjectId before)
            throws IOException {
        List<List<Change>> changes = new ArrayList<>(run.size());
        try (ObjectReader reader = repo.newObjectReader();
             RecentTrees trees = new RecentTrees(reader, RecentTrees.MAX_BYTES)) {
            ObjectId previousTree = before;
            for (RevCommit commit : run) {
                List<Change> own = new ArrayList<>(2);
                TreeDiff.diff(trees, previousTree, commit.getTree(),
                        (path, mode, blob) -> own.add(new Change(path, mode, blob)));
                changes.add(own);
                previousTree = commit.getTree().getId();
            }
        }
        return changes;
    }

    /** The dates and head blobs as the diffs are applied in the walk's order. */
    private static final class Dates {
        final Map<String, PathDates> paths;
        /**
         * The diffs form a chain (each against the commit visited before, the first against the previous head or
         * nothing) that ends at the head: applying them in order yields the head's blobs.
         */
        final Map<String, ObjectId> headBlobs;
        final Set<String> touched = new HashSet<>();
        /** Null for a full walk (everything may have changed). */
        final Set<String> changed;

        Dates(History incrementalFrom) {
            paths = incrementalFrom == null ? new HashMap<>() : new HashMap<>(incrementalFrom.paths());
            headBlobs = incrementalFrom == null ? new HashMap<>() : new HashMap<>(incrementalFrom.headBlobs());
            changed = incrementalFrom == null ? null : new TreeSet<>();
        }

        void apply(Instant when, String path, int mode, ObjectId blob) {
            if (!isBlob(mode)) {
                // absent in this commit (deleted: its dates stay), or a submodule
                if (headBlobs.remove(path) != null) {
                    touched.add(path);
                }
                return;
            }
            headBlobs.put(path, blob);
            touched.add(path);
            PathDates known = paths.get(path);
            if (known == null) {
                paths.put(path, new PathDates(when, when, blob));
            } else if (!known.lastBlob().equals(blob)) {
                paths.put(path, new PathDates(known.created(), when, blob));
            } else {
                return;
            }
            if (changed != null) {
                changed.add(path);
            }
        }
    }

    /** Whether a tree entry's mode is a file the history dates (a regular file or a symlink). */
    public static boolean isBlob(int rawMode) {
        int type = rawMode & FileMode.TYPE_MASK;
        return type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK;
    }

    private static boolean descendsFrom(ObjectReader reader, ObjectId head, ObjectId previous) throws IOException {
        if (previous == null || !reader.has(previous)) {
            return false;
        }
        try (RevWalk walk = new RevWalk(reader)) {
            return walk.isMergedInto(walk.parseCommit(previous), walk.parseCommit(head));
        }
    }
}
