package dev.gitblog.content.ingest;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Notices a new commit on the branch of a local repository, so that an author's {@code git commit} (or merge,
 * reset, pull) is published without a webhook. Watches the git directory, {@code refs/heads} and the folders
 * of the branch's ref with the JDK's {@link WatchService}; every wake-up (a file event, or at the latest every
 * {@code fallback}, for file systems where watching is unreliable or polled, as on macOS) compares a cheap
 * stamp of the branch: the bytes of its loose ref file and the size, time and identity of {@code packed-refs}.
 * Only a changed stamp asks for a run, so the index, objects and lock files an author's git writes cost nothing.
 * <p>
 * Pure of Quarkus; one daemon thread; {@link #close()} stops it.
 */
public final class LocalRefWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRefWatcher.class);

    private final Supplier<Path> gitDir;
    private final Supplier<String> branch;
    private final Duration fallback;
    private final Runnable onChange;
    private final boolean fileEvents;
    private final Thread thread;
    private volatile boolean closed;
    private WatchService watcher;

    /**
     * @param gitDir   the repository's git directory (resolved again while it is null: a repository created later)
     * @param branch   the branch read (null until the first fetch resolved the default branch)
     * @param fallback the longest time between two ref checks
     * @param onChange called (on the watcher's thread) when the branch's ref may point elsewhere
     */
    public LocalRefWatcher(Supplier<Path> gitDir, Supplier<String> branch, Duration fallback, Runnable onChange) {
        this(gitDir, branch, fallback, onChange, true);
    }

    /** @param fileEvents false: the periodic check alone (what a file system without working events gets) */
    LocalRefWatcher(Supplier<Path> gitDir, Supplier<String> branch, Duration fallback, Runnable onChange,
                    boolean fileEvents) {
        this.fileEvents = fileEvents;
        this.gitDir = gitDir;
        this.branch = branch;
        this.fallback = fallback;
        this.onChange = onChange;
        this.thread = new Thread(this::loop, "content-ref-watch");
        this.thread.setDaemon(true);
    }

    public LocalRefWatcher start() {
        thread.start();
        return this;
    }

    /**
     * What identifies the branch's position without reading a commit: the loose ref's bytes (a few dozen) and
     * packed-refs' size, modification time and file key (packed-refs can be large: it is never read).
     */
    static String stamp(Path gitDir, String branch) {
        if (gitDir == null) {
            return "no repository";
        }
        StringBuilder s = new StringBuilder();
        if (branch != null) {
            try {
                s.append(new String(Files.readAllBytes(gitDir.resolve("refs/heads/" + branch)),
                        java.nio.charset.StandardCharsets.US_ASCII).strip());
            } catch (NoSuchFileException e) {
                s.append("no loose ref");
            } catch (IOException e) {
                s.append("unreadable ref: ").append(e.getMessage());
            }
        }
        s.append('|').append(fileStamp(gitDir.resolve("packed-refs")));
        s.append('|').append(fileStamp(gitDir.resolve("HEAD")));
        return s.toString();
    }

    /** Where a git directory keeps its refs: itself, or for a linked work tree the directory in {@code commondir}. */
    public static Path refsDir(Path gitDir) {
        Path common = gitDir.resolve("commondir");
        if (Files.isRegularFile(common)) {
            try {
                String target = Files.readString(common).strip();
                if (!target.isEmpty()) {
                    return gitDir.resolve(target).normalize();
                }
            } catch (IOException e) {
                return gitDir;
            }
        }
        return gitDir;
    }

    private static String fileStamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "#" + a.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }

    private void loop() {
        String last = null;
        List<Path> registered = new ArrayList<>();
        try {
            watcher = fileEvents ? FileSystems.getDefault().newWatchService() : null;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.infof("file watching unavailable (%s): checking the branch every %s", e.getMessage(), fallback);
        }
        while (!closed) {
            Path dir = gitDir.get();
            String br = branch.get();
            if (watcher != null && dir != null) {
                registerAll(dir, br, registered);
            }
            String now = stamp(dir, br);
            if (last != null && !now.equals(last)) {
                LOG.debugf("branch ref changed (%s -> %s)", last, now);
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.warn("requesting a run after a ref change failed", e);
                }
            }
            last = now;
            if (!awaitEvent()) {
                return;
            }
        }
    }

    /** Waits for a file event or the fallback interval; false when closed. */
    private boolean awaitEvent() {
        try {
            if (watcher == null) {
                Thread.sleep(fallback.toMillis());
                return !closed;
            }
            WatchKey key = watcher.poll(fallback.toMillis(), TimeUnit.MILLISECONDS);
            while (key != null) {
                key.pollEvents();
                key.reset();
                key = watcher.poll(); // drain: one check for a burst of events
            }
            return !closed;
        } catch (InterruptedException | ClosedWatchServiceException e) {
            return false;
        }
    }

    /** The git directory, refs/heads and every folder on the way to the branch's ref (a branch may be a/b). */
    private void registerAll(Path dir, String br, List<Path> registered) {
        List<Path> wanted = new ArrayList<>();
        wanted.add(dir);
        Path heads = dir.resolve("refs/heads");
        wanted.add(dir.resolve("refs"));
        wanted.add(heads);
        if (br != null) {
            Path parent = heads.resolve(br).getParent();
            while (parent != null && parent.startsWith(heads) && !parent.equals(heads)) {
                wanted.add(parent);
                parent = parent.getParent();
            }
        }
        for (Path p : wanted) {
            if (!registered.contains(p) && Files.isDirectory(p)) {
                try {
                    p.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                    registered.add(p);
                } catch (IOException e) {
                    LOG.debugf("cannot watch %s: %s", p, e.getMessage());
                }
            }
        }
        registered.removeIf(p -> !Files.isDirectory(p)); // a deleted folder's key is cancelled: register it again
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

    @Override
    public String toString() {
        return "LocalRefWatcher[" + Objects.toString(gitDir.get()) + "]";
    }
}
