package dev.gitblog.content.ingest;

import dev.gitblog.content.testing.TestRepo;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A commit, a reset and a pack-refs of the watched branch each ask for a run; other git writes do not. */
class LocalRefWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aCommitOnTheBranchAsksForARun() throws Exception {
        Path blog = dir.resolve("blog");
        try (TestRepo repo = TestRepo.init(blog)) {
            repo.write("Posts/A", "---\ntitle: A\n---\na\n").commit("2020-01-01T00:00:00Z");
            Path gitDir = blog.resolve(".git");
            Semaphore runs = new Semaphore(0);
            // a fallback longer than the test: only the file events can make it pass in time
            try (LocalRefWatcher watcher = new LocalRefWatcher(() -> gitDir, () -> "main", Duration.ofMinutes(10),
                    runs::release).start()) {
                waitUntilWatching(gitDir);
                repo.write("Posts/B", "---\ntitle: B\n---\nb\n").commit("2020-01-02T00:00:00Z");
                assertTrue(runs.tryAcquire(30, TimeUnit.SECONDS), "a commit was noticed");

                repo.git().reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("HEAD~1").call();
                assertTrue(runs.tryAcquire(30, TimeUnit.SECONDS), "a reset was noticed");
            }
        }
    }

    @Test
    void theFallbackCheckFindsAChangeWithoutFileEvents() throws Exception {
        Path blog = dir.resolve("blog");
        try (TestRepo repo = TestRepo.init(blog)) {
            repo.write("Posts/A", "---\ntitle: A\n---\na\n").commit("2020-01-01T00:00:00Z");
            Path gitDir = blog.resolve(".git");
            Semaphore runs = new Semaphore(0);
            try (LocalRefWatcher watcher = new LocalRefWatcher(() -> gitDir, () -> "main",
                    Duration.ofMillis(50), runs::release, false).start()) {
                waitUntilWatching(gitDir);
                repo.write("Posts/B", "---\ntitle: B\n---\nb\n").commit("2020-01-02T00:00:00Z");
                assertTrue(runs.tryAcquire(30, TimeUnit.SECONDS), "a commit was noticed");
            }
        }
    }

    @Test
    void theStampFollowsTheBranchNotTheWorkTree() throws Exception {
        Path blog = dir.resolve("blog");
        try (TestRepo repo = TestRepo.init(blog)) {
            repo.write("Posts/A", "---\ntitle: A\n---\na\n").commit("2020-01-01T00:00:00Z");
            Path gitDir = blog.resolve(".git");
            String before = LocalRefWatcher.stamp(gitDir, "main");
            repo.write("Posts/B", "---\ntitle: B\n---\nb\n"); // staged, not committed: the index changes
            assertEquals(before, LocalRefWatcher.stamp(gitDir, "main"));
            repo.commit("2020-01-02T00:00:00Z");
            String committed = LocalRefWatcher.stamp(gitDir, "main");
            assertNotEquals(before, committed);
            try (Git git = Git.open(blog.toFile())) {
                git.gc().setAggressive(false).call(); // packs the loose ref into packed-refs
            }
            assertNotEquals(committed, LocalRefWatcher.stamp(gitDir, "main"));
            assertFalse(LocalRefWatcher.stamp(gitDir, "main").isEmpty());
        }
    }

    @Test
    void aLinkedWorkTreeKeepsItsRefsInTheCommonDirectory() throws Exception {
        Path gitDir = dir.resolve("main.git");
        Path linked = gitDir.resolve("worktrees/wt");
        java.nio.file.Files.createDirectories(linked);
        java.nio.file.Files.writeString(linked.resolve("commondir"), "../..\n");
        assertEquals(gitDir.normalize(), LocalRefWatcher.refsDir(linked));
        assertEquals(gitDir, LocalRefWatcher.refsDir(gitDir));
    }

    /** The watcher registers on its own thread: a first commit made before that would be missed by events. */
    private static void waitUntilWatching(Path gitDir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // registration takes microseconds; the initial stamp is taken after it, so a short wait is enough
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("content-ref-watch")
                    && t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
