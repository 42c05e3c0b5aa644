package dev.gitblog.content.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preview: a save asks for a run, and so does a save in a folder made after the watcher started. */
class WorkTreeWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aSaveAndASaveInANewFolderAskForARun() throws Exception {
        Files.createDirectories(dir.resolve("Posts"));
        Files.writeString(dir.resolve("Posts/a"), "a\n");
        Semaphore runs = new Semaphore(0);
        // a fallback longer than the test: only file events can make it pass in time
        try (WorkTreeWatcher watcher = new WorkTreeWatcher(dir, Duration.ofMinutes(10), runs::release).start()) {
            waitUntilWatching();
            Files.writeString(dir.resolve("Posts/a"), "a, saved again\n");
            assertTrue(runs.tryAcquire(30, TimeUnit.SECONDS), "a save was noticed");

            Files.createDirectories(dir.resolve("Notes"));
            assertTrue(runs.tryAcquire(30, TimeUnit.SECONDS), "a new folder was noticed");
            runs.drainPermits();
            waitUntilWatching();
            Files.writeString(dir.resolve("Notes/n"), "n\n");
            assertTrue(runs.tryAcquire(30, TimeUnit.SECONDS), "a save in the new folder was noticed");
        }
    }

    /** The watcher registers on its own thread, then waits: a change made before that would be missed. */
    private static void waitUntilWatching() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("content-worktree-watch")
                    && t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
