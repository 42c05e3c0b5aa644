package dev.gitblog.content.ingest;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Preview: asks for a run whenever anything in the work tree changes (a save, a new file or folder, a
 * commit: the git directory itself is watched too, not its objects). Every folder of the work tree is
 * watched, new ones as they appear, except hidden ones other than {@code .config} (a data folder such as
 * {@code .blog-data} inside the blog must not make every log line a change). Where the JDK can only poll for changes (macOS) or cannot watch at all,
 * it asks for a run every {@code fallback} instead (a run whose work tree did not change sends nothing).
 */
public final class WorkTreeWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkTreeWatcher.class);

    private final Path root;
    private final Duration fallback;
    private final Runnable onChange;
    private final Thread thread;
    private final Set<Path> registered = new HashSet<>();
    private volatile boolean closed;
    private WatchService watcher;

    public WorkTreeWatcher(Path root, Duration fallback, Runnable onChange) {
        this.root = root;
        this.fallback = fallback;
        this.onChange = onChange;
        this.thread = new Thread(this::loop, "content-worktree-watch");
        this.thread.setDaemon(true);
    }

    public WorkTreeWatcher start() {
        thread.start();
        return this;
    }

    private void loop() {
        boolean polling = false;
        try {
            watcher = FileSystems.getDefault().newWatchService();
            // the JDK's polling implementation (macOS) notices a save after seconds: check on a timer as well
            polling = watcher.getClass().getName().contains("Polling");
        } catch (IOException | UnsupportedOperationException e) {
            LOG.infof("file watching unavailable (%s): reading the work tree every %s", e.getMessage(), fallback);
        }
        if (watcher != null) {
            registerTree();
        }
        while (!closed) {
            try {
                if (watcher == null) {
                    Thread.sleep(fallback.toMillis());
                    request();
                    continue;
                }
                WatchKey key = watcher.poll(fallback.toMillis(), TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (polling) {
                        request();
                    }
                    continue;
                }
                while (key != null) {
                    key.pollEvents();
                    key.reset();
                    key = watcher.poll();
                }
                registerTree(); // new folders (a new section) are watched from now on
                request();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void request() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("requesting a run after a change of the work tree failed", e);
        }
    }

    /** Every folder of the work tree, the git directory but none of its subfolders except refs/heads. */
    private void registerTree() {
        registered.removeIf(p -> !Files.isDirectory(p));
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.equals(root) || dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (name.equals(".git") && dir.getParent().equals(root)) {
                        register(dir);
                        register(dir.resolve("refs/heads"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (name.startsWith(".") && !(name.equals(".config") && dir.getParent().equals(root))) {
                        return FileVisitResult.SKIP_SUBTREE; // hidden folders: .blog-data, .idea, ...
                    }
                    register(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debugf("cannot walk %s: %s", root, e.getMessage());
        }
    }

    private void register(Path dir) {
        if (registered.contains(dir) || !Files.isDirectory(dir)) {
            return;
        }
        try {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            registered.add(dir);
        } catch (IOException e) {
            LOG.debugf("cannot watch %s: %s", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service", e);
            }
        }
    }
}
