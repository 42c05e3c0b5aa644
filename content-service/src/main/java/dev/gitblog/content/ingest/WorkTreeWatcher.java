package dev.gitblog.content.ingest;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

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
    private final Runnable onChange;
    private final FolderWatch watch;

    public WorkTreeWatcher(Path root, Duration fallback, Runnable onChange) {
        this.root = root;
        this.onChange = onChange;
        this.watch = new FolderWatch("content-worktree-watch", fallback, true, "reading the work tree", this::check);
    }

    public WorkTreeWatcher start() {
        watch.start();
        return this;
    }

    /** At start the folders are watched; a file event watches new ones (a new section) and asks for a run. */
    private void check(FolderWatch.Wake why) {
        switch (why) {
            case START -> watchTree();
            case EVENTS -> {
                watchTree();
                request();
            }
            case FALLBACK -> {
                if (watch.polls()) {
                    request();
                }
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
    private void watchTree() {
        watch.forgetDeleted();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.equals(root) || dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (name.equals(".git") && dir.getParent().equals(root)) {
                        watch.watch(dir);
                        watch.watch(dir.resolve("refs/heads"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (name.startsWith(".") && !(name.equals(".config") && dir.getParent().equals(root))) {
                        return FileVisitResult.SKIP_SUBTREE; // hidden folders: .blog-data, .idea, ...
                    }
                    watch.watch(dir);
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

    @Override
    public void close() {
        watch.close();
    }
}
