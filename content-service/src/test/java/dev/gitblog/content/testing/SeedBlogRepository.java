package dev.gitblog.content.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays the golden fixture {@code shared/fixtures/seed-blog/history.tsv} with JGit, the way its
 * {@code make-repo.sh} does with git: one commit per row, author and committer {@link PersonIdent}s with the
 * row's dates and offsets, file contents from {@code content/} ({@code PATH~N} = without the last N lines,
 * {@code -PATH} = delete). Commit ids may differ from make-repo.sh's; dates and trees do not.
 * <p>
 * Self-contained (JGit and the JDK only) so that other modules can copy it. The fixture folder is found from
 * the system property {@code seed.blog.dir}, else by looking for {@code shared/fixtures/seed-blog} in the
 * working directory and its parents.
 */
public final class SeedBlogRepository {

    public static final String BRANCH = "main";
    private static final String NAME = "hannes";
    private static final String EMAIL = "hannes@example.invalid";

    private SeedBlogRepository() {
    }

    /** One row of history.tsv. */
    public record Row(OffsetDateTime authorDate, OffsetDateTime committerDate, List<String> paths, String message) {
    }

    /** Whether the fixture folder can be found (a plain clone of the project does not have it). */
    public static boolean present() {
        return find() != null;
    }

    /** The fixture folder (with NOTES.md, history.tsv, content/). */
    public static Path fixtureDir() {
        Path dir = find();
        if (dir == null) {
            throw new IllegalStateException("shared/fixtures/seed-blog not found above " + Path.of("").toAbsolutePath()
                    + "; set -Dseed.blog.dir");
        }
        return dir;
    }

    private static Path find() {
        String configured = System.getProperty("seed.blog.dir");
        if (configured != null) {
            return Files.isRegularFile(Path.of(configured, "history.tsv")) ? Path.of(configured) : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/seed-blog");
            if (Files.isRegularFile(candidate.resolve("history.tsv"))) {
                return candidate;
            }
        }
        return null;
    }

    public static List<Row> rows() {
        try {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(fixtureDir().resolve("history.tsv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(OffsetDateTime.parse(f[0]), OffsetDateTime.parse(f[1]),
                        Arrays.asList(f[2].split(" ")), f[3]));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the repository (non-bare, branch main) in {@code dest}, which must be empty or absent. */
    public static ObjectId create(Path dest) throws IOException, GitAPIException {
        return create(dest, rows().size());
    }

    /** Builds the repository from the first {@code commits} rows only; returns the head commit id. */
    public static ObjectId create(Path dest, int commits) throws IOException, GitAPIException {
        Path content = fixtureDir().resolve("content");
        Files.createDirectories(dest);
        try (Git git = Git.init().setDirectory(dest.toFile()).setInitialBranch(BRANCH).call()) {
            git.getRepository().getConfig().setBoolean("core", null, "autocrlf", false);
            git.getRepository().getConfig().setBoolean("commit", null, "gpgsign", false);
            git.getRepository().getConfig().save();
            ObjectId head = null;
            List<Row> rows = rows();
            for (Row row : rows.subList(0, commits)) {
                for (String entry : row.paths()) {
                    if (entry.startsWith("-")) {
                        git.rm().addFilepattern(entry.substring(1)).call();
                        continue;
                    }
                    String path = entry;
                    int drop = 0;
                    int tilde = entry.lastIndexOf('~');
                    if (tilde > 0) {
                        path = entry.substring(0, tilde);
                        drop = Integer.parseInt(entry.substring(tilde + 1));
                    }
                    byte[] bytes = withoutLastLines(Files.readAllBytes(content.resolve(path)), drop);
                    Path file = dest.resolve(path);
                    Files.createDirectories(file.getParent());
                    Files.write(file, bytes);
                    git.add().addFilepattern(path).call();
                }
                head = git.commit().setMessage(row.message()).setAllowEmpty(true).setSign(false)
                        .setAuthor(ident(row.authorDate()))
                        .setCommitter(ident(row.committerDate()))
                        .call();
            }
            return head;
        }
    }

    private static PersonIdent ident(OffsetDateTime t) {
        return new PersonIdent(NAME, EMAIL, t.toInstant(), t.getOffset());
    }

    /** {@code head -n (lines - drop)}, where lines counts newline characters as {@code wc -l} does. */
    static byte[] withoutLastLines(byte[] bytes, int drop) {
        if (drop == 0) {
            return bytes;
        }
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        int keep = Math.max(0, lines - drop);
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (seen == keep) {
                return Arrays.copyOf(bytes, i);
            }
            if (bytes[i] == '\n') {
                seen++;
            }
        }
        return bytes;
    }
}
