package dev.gitblog.content.history;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.Paths;
import org.eclipse.jgit.util.RawParseUtils;

import java.io.IOException;
import java.util.Arrays;

/**
 * The paths that differ between two trees, read straight from their raw bytes: what JGit's recursive
 * {@code TreeWalk} with {@code TreeFilter.ANY_DIFF} reports over the same two trees, in the same order, for
 * {@link HistoryWalker}. A history diffs each commit against the one before, and at 5,000 posts the Posts/
 * directory of every commit has thousands of entries of which one or two changed; an entry here is skipped
 * when its bytes (mode, name and id) equal the other side's, which costs a byte comparison instead of a
 * parse, a path compare and an id compare.
 * <p>
 * The merge follows git's order (a directory sorts as if its name ended in {@code /}, JGit's
 * {@link Paths#compare}), so a file and a directory of the same name are two entries, as in a TreeWalk. A
 * directory on one side only is reported file by file.
 */
public final class TreeDiff {

    /** One differing path: its mode and object on the new side, or {@code 0} and null when it is absent there. */
    @FunctionalInterface
    public interface Visitor {
        void differs(String path, int newMode, ObjectId newId);
    }

    private static final byte[] NONE = new byte[0];

    private TreeDiff() {
    }

    /**
     * Calls {@code visitor} for each non-tree path whose mode or object differs between {@code oldTree} and
     * {@code newTree} (either may be null: the empty tree), in git's path order.
     */
    public static void diff(ObjectReader reader, AnyObjectId oldTree, AnyObjectId newTree, Visitor visitor)
            throws IOException {
        diff(reader, NONE, oldTree, newTree, visitor);
    }

    private static void diff(ObjectReader reader, byte[] prefix, AnyObjectId oldTree, AnyObjectId newTree,
                             Visitor visitor) throws IOException {
        if (oldTree != null && oldTree.equals(newTree)) {
            return;
        }
        byte[] a = raw(reader, oldTree);
        byte[] b = raw(reader, newTree);
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            int aEnd = i < a.length ? entryEnd(a, i) : -1;
            int bEnd = j < b.length ? entryEnd(b, j) : -1;
            if (aEnd > 0 && bEnd > 0 && Arrays.equals(a, i, aEnd, b, j, bEnd)) {
                i = aEnd; // the same mode, name and object
                j = bEnd;
                continue;
            }
            int cmp = aEnd < 0 ? 1 : bEnd < 0 ? -1
                    : Paths.compare(a, nameStart(a, i), aEnd - 21, mode(a, i), b, nameStart(b, j), bEnd - 21, mode(b, j));
            if (cmp < 0) {
                entry(reader, prefix, a, i, aEnd, null, 0, 0, visitor);
                i = aEnd;
            } else if (cmp > 0) {
                entry(reader, prefix, null, 0, 0, b, j, bEnd, visitor);
                j = bEnd;
            } else {
                entry(reader, prefix, a, i, aEnd, b, j, bEnd, visitor);
                i = aEnd;
                j = bEnd;
            }
        }
    }

    /** One name on either side or both (then both trees or both not, as git's order makes them). */
    private static void entry(ObjectReader reader, byte[] prefix, byte[] a, int aStart, int aEnd, byte[] b,
                              int bStart, int bEnd, Visitor visitor) throws IOException {
        byte[] side = b != null ? b : a;
        int start = b != null ? bStart : aStart;
        int end = b != null ? bEnd : aEnd;
        int nameStart = nameStart(side, start);
        byte[] path = Arrays.copyOf(prefix, prefix.length + (end - 21 - nameStart));
        System.arraycopy(side, nameStart, path, prefix.length, end - 21 - nameStart);
        int newMode = b == null ? 0 : mode(b, bStart);
        int oldMode = a == null ? 0 : mode(a, aStart);
        if (isTree(newMode) || isTree(oldMode)) {
            byte[] inner = Arrays.copyOf(path, path.length + 1);
            inner[path.length] = '/';
            diff(reader, inner, a == null ? null : ObjectId.fromRaw(a, aEnd - 20),
                    b == null ? null : ObjectId.fromRaw(b, bEnd - 20), visitor);
            return;
        }
        visitor.differs(RawParseUtils.decode(path), newMode, b == null ? null : ObjectId.fromRaw(b, bEnd - 20));
    }

    private static byte[] raw(ObjectReader reader, AnyObjectId tree) throws IOException {
        return tree == null ? NONE : reader.open(tree, Constants.OBJ_TREE).getCachedBytes();
    }

    /** An entry is {@code <octal mode> <name>\0<20-byte id>}: the offset just past the one at {@code start}. */
    private static int entryEnd(byte[] raw, int start) {
        int p = start;
        while (raw[p] != 0) {
            p++;
        }
        return p + 1 + Constants.OBJECT_ID_LENGTH;
    }

    private static int nameStart(byte[] raw, int start) {
        int p = start;
        while (raw[p] != ' ') {
            p++;
        }
        return p + 1;
    }

    private static int mode(byte[] raw, int start) {
        int mode = 0;
        for (int p = start; raw[p] != ' '; p++) {
            mode = (mode << 3) + (raw[p] - '0');
        }
        return mode;
    }

    private static boolean isTree(int mode) {
        return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }
}
