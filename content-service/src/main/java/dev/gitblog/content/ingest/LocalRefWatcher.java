package dev.gitblog.content.ingest;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Notices a new commit on the branch of a local repository, so that an author's {@code git commit} (or merge,
 * reset, pull) is published without a webhook. Watches the git directory, {@code refs/heads} and the folders
 * of the branch's ref with the JDK's {@link java.nio.file.WatchService}; every wake-up (a file event, or at the latest every
 * {@code fallback}, for file systems where watching is unreliable or polled, as on macOS) compares a cheap
 * stamp of the branch: the bytes of its loose ref file and the size, time and identity of {@code packed-refs}.
 * Only a changed stamp asks for a run, so the index, objects and lock files an author's git writes cost nothing.
 * <p>
 * Pure of Quarkus; one daemon thread (a {@link FolderWatch}); {@link #close()} stops it.
 */
public final class LocalRefWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRefWatcher.class);

    private final Supplier<Path> gitDir;
    private final Supplier<String> branch;
    private final Runnable onChange;
    private final FolderWatch watch;
    private String last;

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
        this.gitDir = gitDir;
        this.branch = branch;
        this.onChange = onChange;
        this.watch = new FolderWatch("content-ref-watch", fallback, fileEvents, "checking the branch", this::check);
    }

    /**
     * The watcher of a local repository (a work tree or a bare one): its git directory is looked up again on
     * every check until there is one, and for a linked work tree its refs are in the common directory.
     */
    public static LocalRefWatcher ofRepository(Path repository, Supplier<String> branch, Duration fallback,
                                               Runnable onChange) {
        return new LocalRefWatcher(() -> {
            try {
                java.io.File dir = GitSource.localGitDir(repository);
                return dir == null ? null : refsDir(dir.toPath());
            } catch (IOException e) {
                return null;
            }
        }, branch, fallback, onChange);
    }

    public LocalRefWatcher start() {
        watch.start();
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

    /** Every wake-up: watch the folders of the ref again (one may be new), then compare the stamp. */
    private void check(FolderWatch.Wake why) {
        Path dir = gitDir.get();
        String br = branch.get();
        if (dir != null) {
            watchFolders(dir, br);
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
    }

    /** The git directory, refs/heads and every folder on the way to the branch's ref (a branch may be a/b). */
    private void watchFolders(Path dir, String br) {
        watch.forgetDeleted();
        watch.watch(dir);
        Path heads = dir.resolve("refs/heads");
        watch.watch(dir.resolve("refs"));
        watch.watch(heads);
        if (br != null) {
            Path parent = heads.resolve(br).getParent();
            while (parent != null && parent.startsWith(heads) && !parent.equals(heads)) {
                watch.watch(parent);
                parent = parent.getParent();
            }
        }
    }

    @Override
    public void close() {
        watch.close();
    }

    @Override
    public String toString() {
        return "LocalRefWatcher[" + Objects.toString(gitDir.get()) + "]";
    }
}
