package dev.gitblog.content.ingest;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The loop the two watchers of the ingest share ({@link LocalRefWatcher}, {@link WorkTreeWatcher}): one daemon
 * thread that waits for a file event in the folders it was told to watch, or at the latest for {@code fallback},
 * and then calls its check. A burst of events is one wake-up. Where the JDK cannot watch (or only polls, as on
 * macOS, where a save is noticed seconds late) the fallback is what notices a change: {@link #polls()} says so.
 * <p>
 * Pure of Quarkus. The check runs on the watch thread, which is the only one to {@link #watch} folders;
 * {@link #close()} stops it at once, also in the middle of a fallback wait.
 */
final class FolderWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FolderWatch.class);

    /** Why the check runs. */
    enum Wake { START, EVENTS, FALLBACK }

    /** What a watcher does on every wake-up: usually {@link #watch} its folders again, then look. */
    interface Check {
        void run(Wake why);
    }

    private final Duration fallback;
    private final boolean fileEvents;
    private final String fallbackWork;
    private final Check check;
    private final Thread thread;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Path, WatchKey> watched = new HashMap<>();
    private volatile WatchService service;
    private boolean polls;

    /**
     * @param threadName   the watch thread's name
     * @param fallback     the longest time between two checks
     * @param fileEvents   false: the fallback alone (what a file system without working events gets)
     * @param fallbackWork what the fallback does, for the log line when file watching is unavailable
     * @param check        called on the watch thread once at start and after every wake-up
     */
    FolderWatch(String threadName, Duration fallback, boolean fileEvents, String fallbackWork, Check check) {
        this.fallback = fallback;
        this.fileEvents = fileEvents;
        this.fallbackWork = fallbackWork;
        this.check = check;
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True when only the fallback notices changes: no file events, or the JDK's polling implementation. */
    boolean polls() {
        return polls;
    }

    /**
     * Watch {@code dir} for created, modified and deleted entries, unless it is watched already; a folder that is
     * gone is forgotten (its key is cancelled), so that it is watched again once it is back. Nothing without file
     * events. Watch thread only.
     */
    void watch(Path dir) {
        WatchService s = service;
        if (s == null) {
            return;
        }
        WatchKey key = watched.get(dir);
        if (key != null && key.isValid() && Files.isDirectory(dir)) {
            return;
        }
        watched.remove(dir);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            watched.put(dir, dir.register(s, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.debugf("cannot watch %s: %s", dir, e.getMessage());
        }
    }

    /** Forget the folders that are gone. Watch thread only. */
    void forgetDeleted() {
        watched.entrySet().removeIf(e -> !e.getValue().isValid() || !Files.isDirectory(e.getKey()));
    }

    private void loop() {
        if (fileEvents) {
            try {
                service = FileSystems.getDefault().newWatchService();
                // the JDK's polling implementation (macOS) notices a change after seconds: the fallback checks too
                polls = service.getClass().getName().contains("Polling");
            } catch (IOException | UnsupportedOperationException e) {
                LOG.infof("file watching unavailable (%s): %s every %s", e.getMessage(), fallbackWork, fallback);
            }
        }
        polls |= service == null;
        try {
            Wake why = Wake.START;
            while (closed.getCount() > 0) {
                check.run(why);
                why = await();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        } finally {
            closeService(); // also when close() came before the service was made
        }
    }

    /** Waits for a file event or the fallback interval. */
    private Wake await() throws InterruptedException {
        WatchService s = service;
        if (s == null) {
            closed.await(fallback.toMillis(), TimeUnit.MILLISECONDS);
            return Wake.FALLBACK;
        }
        WatchKey key = s.poll(fallback.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            return Wake.FALLBACK;
        }
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = s.poll(); // drain: one check for a burst of events
        }
        return Wake.EVENTS;
    }

    @Override
    public void close() {
        closed.countDown();
        thread.interrupt();
        closeService();
    }

    private void closeService() {
        WatchService s = service;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
    }
}
