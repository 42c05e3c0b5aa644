package dev.gitblog.systemtests.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A bare blog repository written with JGit's low-level API, so that a test controls every tree entry:
 * file modes (symlinks, submodule gitlinks), raw bytes (invalid UTF-8, CRLF, BOM), author dates, and
 * forced ref updates (a force-push that rewrites history, a branch that disappears). The tree of the
 * next commit is the map {@link #files}; {@link #commit} writes it and moves the branch.
 */
final class BlogRepo implements AutoCloseable {

    static final String BRANCH = "main";

    record TreeFile(FileMode mode, ObjectId id) {
    }

    private final Path dir;
    private final Repository repo;
    private final Map<String, TreeFile> files = new TreeMap<>();
    private Instant clock = Instant.parse("2024-01-01T10:00:00Z");

    private BlogRepo(Path dir, Repository repo) {
        this.dir = dir;
        this.repo = repo;
    }

    /** A new bare repository at {@code dir} whose HEAD names {@code main}. */
    static BlogRepo create(Path dir) throws Exception {
        Files.createDirectories(dir);
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(BRANCH).call().close();
        return new BlogRepo(dir, new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build());
    }

    Path dir() {
        return dir;
    }

    BlogRepo put(String path, String text) throws IOException {
        return put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    BlogRepo put(String path, byte[] bytes) throws IOException {
        files.put(path, new TreeFile(FileMode.REGULAR_FILE, insert(bytes)));
        return this;
    }

    /**
     * Many regular files at once through one {@link ObjectInserter} (one flush): the way to build a 20,000-file
     * commit in seconds instead of 20,000 porcelain adds.
     */
    BlogRepo putAll(Map<String, byte[]> contents) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            for (Map.Entry<String, byte[]> c : contents.entrySet()) {
                files.put(c.getKey(), new TreeFile(FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, c.getValue())));
            }
            ins.flush();
        }
        return this;
    }

    /** A symbolic link: mode 120000, the blob is the link target. */
    BlogRepo symlink(String path, String target) throws IOException {
        files.put(path, new TreeFile(FileMode.SYMLINK, insert(target.getBytes(StandardCharsets.UTF_8))));
        return this;
    }

    /** A submodule entry: mode 160000 pointing at a commit that is not in this repository. */
    BlogRepo gitlink(String path, String commitId) {
        files.put(path, new TreeFile(FileMode.GITLINK, ObjectId.fromString(commitId)));
        return this;
    }

    BlogRepo remove(String path) {
        files.remove(path);
        return this;
    }

    boolean has(String path) {
        return files.containsKey(path);
    }

    /** Commits the current tree on {@code main} (parent: the branch head, if any); returns the commit id. */
    String commit(String message) throws IOException {
        Ref head = repo.exactRef(Constants.R_HEADS + BRANCH);
        return commitOn(message, head == null ? null : head.getObjectId(), false);
    }

    /** A root commit with the current tree, forced onto {@code main}: the old history is gone from the branch. */
    String forcePushRewrite(String message) throws IOException {
        return commitOn(message, null, true);
    }

    /** Deletes the branch (the remote then has no {@code main}); {@link #restoreBranch} brings it back. */
    void deleteBranch() throws IOException {
        RefUpdate u = repo.updateRef(Constants.R_HEADS + BRANCH);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.delete();
        if (r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot delete " + BRANCH + ": " + r);
        }
        writeServerInfo();
    }

    void restoreBranch(String commitId) throws IOException {
        RefUpdate u = repo.updateRef(Constants.R_HEADS + BRANCH);
        u.setNewObjectId(ObjectId.fromString(commitId));
        u.setForceUpdate(true);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("cannot set " + BRANCH + ": " + r);
        }
        writeServerInfo();
    }

    private String commitOn(String message, ObjectId parent, boolean force) throws IOException {
        clock = clock.plusSeconds(3600);
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, TreeFile> f : files.entrySet()) {
                DirCacheEntry e = new DirCacheEntry(f.getKey());
                e.setFileMode(f.getValue().mode());
                e.setObjectId(f.getValue().id());
                builder.add(e);
            }
            builder.finish();
            ObjectId tree = index.writeTree(ins);
            PersonIdent who = new PersonIdent("reliability test", "reliability@example.invalid", clock, ZoneOffset.UTC);
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(tree);
            if (parent != null) {
                c.setParentId(parent);
            }
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(message + "\n");
            ObjectId id = ins.insert(c);
            ins.flush();
            RefUpdate u = repo.updateRef(Constants.R_HEADS + BRANCH);
            u.setNewObjectId(id);
            u.setForceUpdate(force);
            u.setRefLogMessage(message, false);
            RefUpdate.Result r = u.update();
            if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD && r != RefUpdate.Result.FORCED) {
                throw new IOException("cannot move " + BRANCH + " to " + id.name() + ": " + r);
            }
            writeServerInfo();
            return id.name();
        }
    }

    /**
     * What {@code git update-server-info} writes, so that the repository can also be served over the "dumb"
     * HTTP protocol ({@link GitHttpServer}): {@code info/refs} and {@code objects/info/packs}.
     */
    void writeServerInfo() throws IOException {
        StringBuilder refs = new StringBuilder();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
            if (r.getObjectId() != null) {
                refs.append(r.getObjectId().name()).append('\t').append(r.getName()).append('\n');
            }
        }
        Files.createDirectories(dir.resolve("info"));
        Files.writeString(dir.resolve("info/refs"), refs.toString());
        Files.createDirectories(dir.resolve("objects/info"));
        StringBuilder packs = new StringBuilder();
        Path packDir = dir.resolve("objects/pack");
        if (Files.isDirectory(packDir)) {
            try (var list = Files.list(packDir)) {
                list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pack")).sorted()
                        .forEach(n -> packs.append("P ").append(n).append('\n'));
            }
        }
        packs.append('\n');
        Files.writeString(dir.resolve("objects/info/packs"), packs.toString());
    }

    private ObjectId insert(byte[] bytes) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_BLOB, bytes);
            ins.flush();
            return id;
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
