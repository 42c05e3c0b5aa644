package dev.gitblog.content.ingest;

import dev.gitblog.content.history.HistoryWalker;
import dev.gitblog.content.ingest.GitSource.Fetched;
import dev.gitblog.content.ingest.GitSource.GitSourceException;
import dev.gitblog.content.testing.TestRepo;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local BLOG_REPO read in place (never written), and the clone mode kept for it. */
class GitSourceTest {

    @TempDir
    Path dir;

    private Path authorRepo(String branch) throws Exception {
        Path repo = dir.resolve("blog");
        try (TestRepo r = TestRepo.init(repo)) {
            r.write("Posts/A", "---\ntitle: A\n---\na\n").write("static/s.css", "s{}").commit("2020-01-01T00:00:00Z");
            if (!branch.equals("main")) {
                r.git().branchRename().setOldName("main").setNewName(branch).call();
            }
        }
        return repo;
    }

    /** Every file under the directory with its size, modification time and content hash. */
    private static Map<String, String> state(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    out.put(root.relativize(f).toString(), Files.size(f) + " "
                            + Files.getLastModifiedTime(f).toMillis() + " "
                            + java.util.Arrays.hashCode(Files.readAllBytes(f)));
                } else {
                    // a directory's time changes when anything is created in it, even if deleted again
                    out.put(root.relativize(f) + "/", String.valueOf(Files.getLastModifiedTime(f).toMillis()));
                }
            }
        }
        return out;
    }

    @Test
    void aLocalRepositoryIsReadInPlaceAndNeverWritten() throws Exception {
        Path repo = authorRepo("trunk");
        Path data = dir.resolve("data/content/clone.git");
        Map<String, String> before = state(repo.resolve(".git"));
        try (GitSource source = new GitSource(RepoSpec.parse(repo.toString()), data, null, null)) {
            assertTrue(source.inPlace());
            Fetched f = source.fetch();
            assertEquals("trunk", f.branch(), "the default branch is the one HEAD names");
            assertEquals(repo.resolve(".git").toFile().getCanonicalFile(), source.repository().getDirectory());
            HistoryWalker.WalkResult walk = HistoryWalker.walk(source.repository(), f.head(), null,
                    HistoryWalker.Progress.NONE);
            ObjectLoaderCheck.read(source, walk.history().headBlobs().get("static/s.css"));
            assertEquals(f, source.fetch(), "fetching again without a push gives the same head");
        }
        assertFalse(Files.exists(data), "no clone is made for a local repository");
        assertEquals(before, state(repo.resolve(".git")), "the author's repository is not written");
    }

    @Test
    void aPushMovesTheHeadAndAReplacedRepositoryIsReopened() throws Exception {
        Path repo = authorRepo("main");
        try (GitSource source = new GitSource(RepoSpec.parse("file://" + repo + "#main"),
                dir.resolve("clone.git"), null, null)) {
            assertTrue(source.inPlace(), "file:// is local too");
            Fetched first = source.fetch();
            try (TestRepo r = TestRepo.open(repo)) {
                r.write("Posts/B", "---\ntitle: B\n---\nb\n").commit("2020-02-01T00:00:00Z");
                assertEquals(r.head(), source.fetch().head(), "a new commit is seen by the next fetch");
            }
            Path away = dir.resolve("away");
            Files.move(repo, away, StandardCopyOption.ATOMIC_MOVE);
            GitSourceException gone = assertThrows(GitSourceException.class, source::fetch);
            assertTrue(gone.getMessage().contains("not found"), gone.getMessage());
            // another repository appears at the path: it is opened afresh, not read through the old handle
            try (TestRepo other = TestRepo.init(repo)) {
                other.write("Other", "x").commit("2021-01-01T00:00:00Z");
                Fetched replaced = source.fetch();
                assertEquals(other.head(), replaced.head());
                assertNotEquals(first.head(), replaced.head());
            }
        }
    }

    @Test
    void aMissingBranchOrANonRepositoryIsAClearError() throws Exception {
        Path repo = authorRepo("main");
        try (GitSource source = new GitSource(RepoSpec.parse(repo + "#drafts"), dir.resolve("c"), null, null)) {
            assertTrue(assertThrows(GitSourceException.class, source::fetch).getMessage()
                    .contains("branch `drafts` not found"));
        }
        Path plain = Files.createDirectories(dir.resolve("plain"));
        try (GitSource source = new GitSource(RepoSpec.parse(plain.toString()), dir.resolve("c"), null, null)) {
            assertTrue(assertThrows(GitSourceException.class, source::fetch).getMessage()
                    .contains("repository not found"));
        }
    }

    @Test
    void cloneModeKeepsABareCloneInTheDataFolder() throws Exception {
        Path repo = authorRepo("main");
        Path data = dir.resolve("data/content/clone.git");
        try (GitSource source = new GitSource(RepoSpec.parse(repo.toString()), data, null, null,
                GitSource.LocalMode.CLONE)) {
            assertFalse(source.inPlace());
            Fetched f = source.fetch();
            assertEquals("main", f.branch());
            assertEquals(data.toFile().getCanonicalFile(), source.repository().getDirectory().getCanonicalFile());
            assertEquals(f.head(), source.repository().exactRef(Constants.R_HEADS + "main").getObjectId());
        }
        try (Git clone = Git.open(data.toFile())) {
            assertTrue(clone.getRepository().isBare());
        }
        assertThrows(IllegalArgumentException.class, () -> GitSource.LocalMode.parse("mirror"));
        assertEquals(GitSource.LocalMode.IN_PLACE, GitSource.LocalMode.parse(" In-Place "));
    }

    /** Reading a blob through the source's repository (what the blob API does). */
    private static final class ObjectLoaderCheck {
        static void read(GitSource source, org.eclipse.jgit.lib.ObjectId blob) throws IOException {
            assertEquals("s{}", new String(source.repository().open(blob, Constants.OBJ_BLOB).getCachedBytes()));
        }
    }
}
