package dev.gitblog.content.history;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentTreesTest {

    private static final long LIMIT = 64 << 10;

    @Test
    void aDirectoryThatGrowsOverTheHistoryStaysWithinTheBound() throws Exception {
        try (InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription("trees"));
             ObjectInserter inserter = repo.newObjectInserter()) {
            // as Posts/ grows over a history: each version one entry larger than the one before
            List<ObjectId> versions = new ArrayList<>();
            for (int n = 1; n <= 400; n++) {
                versions.add(inserter.insert(tree(n)));
            }
            inserter.flush();
            try (ObjectReader plain = repo.newObjectReader();
                 RecentTrees trees = new RecentTrees(repo.newObjectReader(), LIMIT)) {
                ObjectId before = null;
                for (ObjectId version : versions) {
                    if (before != null) {
                        trees.open(before, Constants.OBJ_TREE); // the "before" side of the next diff: a hit
                    }
                    byte[] read = trees.open(version, Constants.OBJ_TREE).getCachedBytes();
                    assertArrayEquals(plain.open(version).getCachedBytes(), read);
                    assertTrue(trees.cachedBytes() <= LIMIT,
                            trees.cachedBytes() + " bytes kept after " + versions.indexOf(version) + " versions");
                    before = version;
                }
            }
        }
    }

    private static TreeFormatter tree(int entries) {
        TreeFormatter f = new TreeFormatter();
        for (int i = 0; i < entries; i++) {
            f.append(String.format("post-%05d", i), FileMode.REGULAR_FILE, ObjectId.zeroId());
        }
        return f;
    }
}
