package dev.gitblog.content.history;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** TreeDiff against what it replaces: JGit's recursive TreeWalk with ANY_DIFF over the same two trees. */
class TreeDiffTest {

    @Test
    void reportsWhatATreeWalkReportsOverRandomEdits() throws Exception {
        try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("diff"));
             ObjectInserter inserter = repo.newObjectInserter();
             ObjectReader reader = repo.newObjectReader()) {
            Random random = new Random(7);
            // path -> mode; a path "x" and a directory "x/..." may come and go (file/directory conflicts)
            Map<String, Integer> files = new TreeMap<>();
            ObjectId before = null;
            int compared = 0;
            for (int step = 0; step < 300; step++) {
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    mutate(files, random);
                }
                ObjectId after = write(inserter, files, random.nextInt(3));
                inserter.flush();
                List<String> expected = treeWalk(reader, before, after);
                List<String> actual = new ArrayList<>();
                TreeDiff.diff(reader, before, after, (path, mode, id) -> actual.add(path + " " + Integer.toOctalString(mode)
                        + " " + (id == null ? ObjectId.zeroId().name() : id.name())));
                assertEquals(expected, actual, "step " + step);
                compared += expected.size();
                before = after;
            }
            assertFalse(compared < 300, "the edits changed something: " + compared + " differences compared");
        }
    }

    private static final String[] NAMES = {"a", "a.txt", "a-b", "b", "Posts", "Posts.md", "static", "é-ü", "z"};

    private static void mutate(Map<String, Integer> files, Random random) {
        String path = NAMES[random.nextInt(NAMES.length)];
        for (int depth = random.nextInt(3); depth > 0; depth--) {
            path = path + "/" + NAMES[random.nextInt(NAMES.length)];
        }
        String p = path;
        if (files.containsKey(p) && random.nextInt(3) == 0) {
            files.remove(p);
            return;
        }
        // a file where a directory was (or the reverse) replaces it
        files.keySet().removeIf(f -> f.startsWith(p + "/") || p.startsWith(f + "/"));
        int[] modes = {0100644, 0100644, 0100644, 0100755, 0120000, 0160000};
        files.put(p, modes[random.nextInt(modes.length)]);
    }

    /** Writes the tree of {@code files}; {@code salt} varies the blob ids so that files also change content. */
    private static ObjectId write(ObjectInserter inserter, Map<String, Integer> files, int salt) throws Exception {
        return writeDir(inserter, files, "", salt);
    }

    private static ObjectId writeDir(ObjectInserter inserter, Map<String, Integer> files, String dir, int salt)
            throws Exception {
        // git's order: a directory sorts as its name plus "/"
        TreeMap<String, Object> entries = new TreeMap<>((x, y) -> compareGit(x, y));
        for (Map.Entry<String, Integer> f : files.entrySet()) {
            if (!f.getKey().startsWith(dir)) {
                continue;
            }
            String rest = f.getKey().substring(dir.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                entries.put(rest, f.getValue());
            } else {
                entries.put(rest.substring(0, slash) + "/", "dir");
            }
        }
        TreeFormatter tree = new TreeFormatter();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (e.getValue() instanceof Integer mode) {
                ObjectId id = inserter.insert(Constants.OBJ_BLOB,
                        (dir + e.getKey() + (e.getKey().hashCode() % 2 == 0 ? salt : 0)).getBytes(StandardCharsets.UTF_8));
                tree.append(e.getKey(), FileMode.fromBits(mode), id);
            } else {
                String name = e.getKey().substring(0, e.getKey().length() - 1);
                tree.append(name, FileMode.TREE, writeDir(inserter, files, dir + name + "/", salt));
            }
        }
        return inserter.insert(tree);
    }

    private static int compareGit(String x, String y) {
        byte[] a = x.getBytes(StandardCharsets.UTF_8);
        byte[] b = y.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(a, b);
    }

    private static List<String> treeWalk(ObjectReader reader, ObjectId before, ObjectId after) throws Exception {
        List<String> out = new ArrayList<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            if (before == null) {
                walk.addTree(new EmptyTreeIterator());
            } else {
                walk.addTree(before);
            }
            walk.addTree(after);
            while (walk.next()) {
                out.add(walk.getPathString() + " " + Integer.toOctalString(walk.getRawMode(1)) + " "
                        + walk.getObjectId(1).name());
            }
        }
        return out;
    }
}
