package dev.gitblog.content.history;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dates of every path (SITE-FORMAT §2.1) in one pass over the history: one RevWalk in topological order,
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
 * (SITE-FORMAT §2.1 calls the order among concurrent commits open).
 * <p>
 * An incremental walk costs what the push changed: the new commits' diffs, plus one diff of the previous head's
 * tree against the new head's tree for the live paths (never a listing of the whole tree), and it names the
 * paths whose dates or head blob changed ({@link WalkResult#changedPaths()}), so that the callers can classify
 * and compare only those.
 */
public final class HistoryWalker {

    private HistoryWalker() {
    }

    /** The dates of one path and the blob it had in the last visited commit that contained it. */
    public record PathDates(Instant created, Instant updated, ObjectId lastBlob) {
    }

    /**
     * The state after a walk: the last walked commit, the dates of every path ever seen, and the blobs of the
     * head's tree (the live paths), in path order.
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
            Set<String> changed = incremental ? new TreeSet<>() : null;
            try (TreeWalk diff = new TreeWalk(reader)) {
                diff.setRecursive(true);
                diff.setFilter(TreeFilter.ANY_DIFF);
                int done = 0;
                for (RevCommit commit : commits) {
                    diff.reset();
                    if (previousTree == null) {
                        diff.addTree(new EmptyTreeIterator());
                    } else {
                        diff.addTree(previousTree);
                    }
                    diff.addTree(commit.getTree());
                    Instant when = commit.getAuthorIdent().getWhenAsInstant();
                    while (diff.next()) {
                        if (!isBlob(diff.getRawMode(1))) {
                            continue; // absent in this commit (deleted: ignored), or a submodule
                        }
                        ObjectId blob = diff.getObjectId(1);
                        String path = diff.getPathString();
                        PathDates known = paths.get(path);
                        if (known == null) {
                            paths.put(path, new PathDates(when, when, blob));
                        } else if (!known.lastBlob().equals(blob)) {
                            paths.put(path, new PathDates(known.created(), when, blob));
                        } else {
                            continue;
                        }
                        if (changed != null) {
                            changed.add(path);
                        }
                    }
                    previousTree = commit.getTree().getId();
                    progress.walked(++done, commits.size());
                }
            }
            Map<String, ObjectId> headBlobs;
            List<String> removed = new ArrayList<>();
            if (incremental) {
                headBlobs = new TreeMap<>(previous.headBlobs());
                applyDiff(reader, previous.head(), headCommit, headBlobs, removed, changed);
            } else {
                headBlobs = listBlobs(reader, headCommit.getTree());
                if (previous != null) {
                    for (String path : previous.headBlobs().keySet()) {
                        if (!headBlobs.containsKey(path)) {
                            removed.add(path);
                        }
                    }
                }
            }
            Instant headTime = headCommit.getAuthorIdent().getWhenAsInstant();
            return new WalkResult(new History(headCommit.copy(), headTime, paths, headBlobs), !incremental,
                    commits.size(), List.copyOf(removed),
                    changed == null ? null : Collections.unmodifiableSet(changed));
        }
    }

    /**
     * Updates {@code headBlobs} (the blobs of {@code from}'s tree) to those of {@code to}'s tree by one tree
     * diff; collects the removed paths and every path that differs.
     */
    private static void applyDiff(ObjectReader reader, ObjectId from, RevCommit to, Map<String, ObjectId> headBlobs,
                                  List<String> removed, Set<String> changed) throws IOException {
        ObjectId fromTree;
        try (RevWalk rw = new RevWalk(reader)) {
            fromTree = rw.parseCommit(from).getTree().getId();
        }
        try (TreeWalk diff = new TreeWalk(reader)) {
            diff.setRecursive(true);
            diff.setFilter(TreeFilter.ANY_DIFF);
            diff.addTree(fromTree);
            diff.addTree(to.getTree());
            while (diff.next()) {
                String path = diff.getPathString();
                boolean before = isBlob(diff.getRawMode(0));
                boolean after = isBlob(diff.getRawMode(1));
                if (after) {
                    headBlobs.put(path, diff.getObjectId(1));
                    changed.add(path);
                } else if (before) {
                    headBlobs.remove(path);
                    removed.add(path);
                    changed.add(path);
                }
            }
        }
        Collections.sort(removed);
    }

    /** Every blob of a tree, by path, in path order. */
    static Map<String, ObjectId> listBlobs(ObjectReader reader, AnyObjectId tree) throws IOException {
        Map<String, ObjectId> blobs = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.addTree(tree);
            while (walk.next()) {
                if (isBlob(walk.getRawMode(0))) {
                    blobs.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        }
        return blobs;
    }

    private static boolean isBlob(int rawMode) {
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
