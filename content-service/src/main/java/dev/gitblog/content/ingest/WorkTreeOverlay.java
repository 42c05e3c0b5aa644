package dev.gitblog.content.ingest;

import dev.gitblog.content.frontmatter.EntryClassifier;
import dev.gitblog.content.history.HistoryWalker.History;
import dev.gitblog.content.history.HistoryWalker.PathDates;
import dev.gitblog.events.Entry;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Preview: the committed entries of HEAD with the work tree laid over them, as the files are on disk.
 * Modified, staged and untracked files (not ignored by .gitignore, and not editor scratch files) are read
 * from disk and classified; deleted files are dropped. An uncommitted file's dates are the time it was first
 * seen with its current content ("now, until committed": a tracked file keeps its created date). The revision
 * of such a state is a SHA-1 over HEAD and the changed paths' blob ids, so every save is a new revision and
 * the same state gives the same revision; without changes it is HEAD's id.
 * <p>
 * Reads the work tree with JGit's status (the index's file times spare re-hashing unchanged files); never
 * writes the author's repository. Not thread-safe: the ingest thread uses it.
 */
public final class WorkTreeOverlay implements AutoCloseable {

    private final Path workTree;
    private final Supplier<Instant> clock;
    private Repository repository;
    /** "path NUL blob id" to the time that content was first seen. */
    private Map<String, Instant> firstSeen = new HashMap<>();
    /**
     * Blob id to the file of every changed file of the last overlay (the blob API serves the static ones, the
     * link report reads the articles' markdown).
     */
    private volatile Map<String, Path> files = Map.of();

    public WorkTreeOverlay(Path workTree) {
        this(workTree, Instant::now);
    }

    WorkTreeOverlay(Path workTree, Supplier<Instant> clock) {
        this.workTree = workTree;
        this.clock = clock;
    }

    /** The state served: entries, revision and the time of its newest change. */
    public record Overlaid(Map<String, Entry> entries, String revision, Instant time, int changedFiles) {
    }

    /**
     * @param head      the commit whose entries are {@code committed}
     * @param history   its history (dates of committed paths)
     * @param committed the entries of HEAD (revision field unset)
     */
    public Overlaid overlay(ObjectId head, History history, Map<String, Entry> committed) throws IOException {
        Status status;
        try {
            status = Git.wrap(repository()).status().call();
        } catch (GitAPIException | org.eclipse.jgit.errors.NoWorkTreeException e) {
            throw new IOException("cannot read the work tree " + workTree + ": " + e.getMessage(), e);
        }
        Set<String> changed = new TreeSet<>();
        changed.addAll(status.getAdded());
        changed.addAll(status.getChanged());
        changed.addAll(status.getModified());
        for (String path : status.getUntracked()) {
            if (!isScratch(path)) {
                changed.add(path);
            }
        }
        Set<String> deleted = new TreeSet<>();
        deleted.addAll(status.getRemoved());
        deleted.addAll(status.getMissing());

        Map<String, Entry> entries = new TreeMap<>(committed);
        String flavor = EntryClassifier.markdownFlavor(configValue(committed.get(EntryClassifier.MARKDOWN_CONFIG)));
        Map<String, Instant> seen = new HashMap<>();
        Map<String, Path> changedFiles = new HashMap<>();
        StringBuilder state = new StringBuilder(head.name()).append('\n');
        Instant newest = history.headTime();
        int count = 0;
        try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
            for (String path : changed) {
                Path file = workTree.resolve(path);
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    deleted.add(path); // a folder, a symlink or a file gone since the status: not served
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                ObjectId blob = hasher.idFor(Constants.OBJ_BLOB, bytes);
                if (blob.equals(history.headBlobs().get(path))) {
                    continue; // saved back to its committed content
                }
                String key = path + '\0' + blob.name();
                Instant when = firstSeen.getOrDefault(key, clock.get());
                seen.put(key, when);
                PathDates dates = history.paths().get(path);
                Instant created = dates == null || !history.headBlobs().containsKey(path) ? when : dates.created();
                entries.put(path, EntryClassifier.classify(path, bytes, flavor)
                        .toEntry(path, null, blob.name(), created, when));
                changedFiles.put(blob.name(), file);
                state.append(path).append(' ').append(blob.name()).append('\n');
                newest = when.isAfter(newest) ? when : newest;
                count++;
            }
        }
        for (String path : deleted) {
            if (entries.remove(path) != null) {
                state.append(path).append(" -\n");
                count++;
            }
        }
        firstSeen = seen;
        files = Map.copyOf(changedFiles);
        String revision = count == 0 ? head.name() : sha1(state.toString());
        return new Overlaid(entries, revision, count == 0 ? history.headTime() : newest, count);
    }

    /** The file of an uncommitted file by its blob id, or null. */
    public Path file(String blobId) {
        return files.get(blobId);
    }

    /**
     * Untracked files that are never posts: editor scratch (swap files, backups), and anything hidden (a name
     * or folder starting with a dot, such as .DS_Store or a .blog-data folder inside the blog) except
     * {@code .config/}.
     */
    static boolean isScratch(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swx") || name.endsWith(".tmp")) {
            return true;
        }
        String rest = path.startsWith(".config/") ? path.substring(".config/".length()) : path;
        return rest.startsWith(".") || rest.contains("/.");
    }

    private Repository repository() throws IOException {
        if (repository == null) {
            File gitDir = GitSource.localGitDir(workTree);
            if (gitDir == null) {
                throw new IOException("no git repository at " + workTree);
            }
            FileRepositoryBuilder b = new FileRepositoryBuilder().setGitDir(gitDir).setWorkTree(workTree.toFile());
            repository = b.setMustExist(true).build();
            if (repository.isBare()) {
                throw new IOException(workTree + " is a bare repository: preview needs a work tree");
            }
        }
        return repository;
    }

    private static String configValue(Entry e) {
        return e == null || e.config() == null ? null : e.config().value();
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.close();
            repository = null;
        }
    }
}
