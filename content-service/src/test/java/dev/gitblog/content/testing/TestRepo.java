package dev.gitblog.content.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

/** A small non-bare repository for tests: write, delete, commit with chosen dates. */
public final class TestRepo implements AutoCloseable {

    private final Path dir;
    private final Git git;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static TestRepo init(Path dir) throws GitAPIException {
        return new TestRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    public static TestRepo open(Path dir) throws IOException {
        return new TestRepo(dir, Git.open(dir.toFile()));
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    public Repository repository() {
        return git.getRepository();
    }

    public TestRepo write(String path, String text) throws IOException, GitAPIException {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public TestRepo write(String path, byte[] bytes) throws IOException, GitAPIException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        git.add().addFilepattern(path).call();
        return this;
    }

    public TestRepo delete(String path) throws GitAPIException {
        git.rm().addFilepattern(path).call();
        return this;
    }

    /** Commit with author date = committer date = {@code when} (ISO-8601 with offset). */
    public RevCommit commit(String when) throws GitAPIException {
        return commit(when, when);
    }

    public RevCommit commit(String authorDate, String committerDate) throws GitAPIException {
        return git.commit().setMessage("at " + authorDate).setAllowEmpty(true).setSign(false)
                .setAuthor(ident(authorDate)).setCommitter(ident(committerDate)).call();
    }

    public static PersonIdent ident(String when) {
        OffsetDateTime t = OffsetDateTime.parse(when);
        return new PersonIdent("author", "author@example.invalid", t.toInstant(), t.getOffset());
    }

    public ObjectId head() throws IOException {
        return git.getRepository().resolve("HEAD");
    }

    @Override
    public void close() {
        git.close();
    }
}
