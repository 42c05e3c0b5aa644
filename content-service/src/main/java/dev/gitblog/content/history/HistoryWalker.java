package dev.gitblog.content.history;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
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

    /** Called after each walked commit. */
    @FunctionalInterface
    public interface Progress {
        void walked(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    /**
     * @param repo     the repository
     * @param head     the commit to walk up to
     * @param previous the state of the last walk, or null
     */
    public static WalkResult walk(Repository repo, ObjectId head, History previous, Progress progress)
            throws IOException {
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
            Map<String, PathDates> paths = incremental ? new HashMap<>(previous.paths()) : new HashMap<>();
            // the diffs form a chain (each against the commit visited before, the first against the previous
            // head or nothing) that ends at the head: applying them in order yields the head's blobs
            Map<String, ObjectId> headBlobs = incremental ? new HashMap<>(previous.headBlobs()) : new HashMap<>();
            Set<String> touched = new HashSet<>();
            Set<String> changed = incremental ? new TreeSet<>() : null;
            try (RecentTrees trees = new RecentTrees(reader, RecentTrees.MAX_BYTES)) {
                int done = 0;
                for (RevCommit commit : commits) {
                    Instant when = commit.getAuthorIdent().getWhenAsInstant();
                    TreeDiff.diff(trees, previousTree, commit.getTree(), (path, mode, blob) -> {
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
                    });
                    previousTree = commit.getTree().getId();
                    progress.walked(++done, commits.size());
                }
            }
            List<String> removed = new ArrayList<>();
            if (incremental) {
                for (String path : touched) {
                    if (!Objects.equals(previous.headBlobs().get(path), headBlobs.get(path))) {
                        changed.add(path);
                        if (!headBlobs.containsKey(path)) {
                            removed.add(path);
                        }
                    }
                }
            } else if (previous != null) {
                for (String path : previous.headBlobs().keySet()) {
                    if (!headBlobs.containsKey(path)) {
                        removed.add(path);
                    }
                }
            }
            Collections.sort(removed);
            Instant headTime = headCommit.getAuthorIdent().getWhenAsInstant();
            return new WalkResult(new History(headCommit.copy(), headTime, paths, headBlobs), !incremental,
                    commits.size(), List.copyOf(removed),
                    changed == null ? null : Collections.unmodifiableSet(changed));
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
