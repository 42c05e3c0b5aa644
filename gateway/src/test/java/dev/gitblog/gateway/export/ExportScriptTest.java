package dev.gitblog.gateway.export;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.http.FakeContentService;
import dev.gitblog.gateway.http.TestSnapshots;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/local/export.sh against this gateway: into a folder, and as commits on a branch of a repository. */
@QuarkusTest
@WithTestResource(FakeContentService.class)
class ExportScriptTest {

    static final Path SCRIPT = Path.of("..", "deploy", "local", "export.sh");

    @Inject
    SnapshotHolder holder;

    SiteSnapshot snapshot;

    @BeforeEach
    void serve() {
        FakeContentService.comeUp();
        snapshot = exportable("4a5b6c7d8e9f", "script text");
        holder.swap(snapshot);
    }

    /** The hand-made snapshot without the static file the fake content-service does not have. */
    static SiteSnapshot exportable(String revision, String text) {
        SiteSnapshot s = TestSnapshots.seedLike(revision, text);
        Map<String, SiteSnapshot.StaticRef> statics = new TreeMap<>(s.statics());
        statics.remove("static/missing.css");
        return new SiteSnapshot(s.revision(), s.commitTime(), s.site(), s.pages(), s.redirects(), statics,
                s.notFound(), s.articles(), s.tags(), s.exportFiles());
    }

    record Run(int exit, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GATEWAY_PORT", String.valueOf(RestAssured.port));
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    static List<String> script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().normalize().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Run r = run(repo, cmd.toArray(String[]::new));
        assertEquals(0, r.exit(), r.output());
        return r.output().trim();
    }

    static byte[] gitShow(Path repo, String object) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "show", object).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "git show " + object);
        return bytes;
    }

    @Test
    void intoAFolder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Run r = run(tmp, script(tmp.resolve("no-repo").toString(), out.toString()).toArray(String[]::new));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("exported revision 4a5b6c7d8e9f"), r.output());
        for (Map.Entry<String, Page> e : snapshot.exportFiles().entrySet()) {
            assertArrayEquals(e.getValue().body(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
        }
        assertArrayEquals(TestSnapshots.FakeBlobs.PNG, Files.readAllBytes(out.resolve("static/img/x.png")));
        assertFalse(Files.exists(out.resolve("Posts/About")));
    }

    @Test
    void asCommitsOnABranch(@TempDir Path tmp) throws Exception {
        Path repo = tmp.resolve("blog");
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.name", "Author");
        git(repo, "config", "user.email", "author@example.org");
        Files.writeString(repo.resolve("About"), "---\ntitle: About\nauthor: me\n---\nhi\n");
        git(repo, "add", "About");
        git(repo, "commit", "-q", "-m", "source");
        String mainBefore = git(repo, "rev-parse", "main");

        Run first = run(tmp, script(repo.toString(), "-", "--branch", "pages").toArray(String[]::new));
        assertEquals(0, first.exit(), first.output());
        assertEquals("updated from main (commit 4a5b6c7d8e9f)", git(repo, "log", "-1", "--format=%s", "pages"));
        assertEquals("1", git(repo, "rev-list", "--count", "pages")); // orphan: no parent
        assertArrayEquals(snapshot.exportFiles().get("Posts/ARP").body(), gitShow(repo, "pages:Posts/ARP"));
        assertArrayEquals(snapshot.exportFiles().get("index.html").body(), gitShow(repo, "pages:index.html"));
        assertArrayEquals(TestSnapshots.FakeBlobs.BIG, gitShow(repo, "pages:static/big.bin"));
        assertEquals(mainBefore, git(repo, "rev-parse", "main"));
        assertEquals("refs/heads/main", git(repo, "symbolic-ref", "HEAD"));
        assertEquals("", git(repo, "status", "--porcelain"));

        // same revision again: nothing to commit
        Run again = run(tmp, script(repo.toString(), "-", "--branch", "pages").toArray(String[]::new));
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("nothing to commit"), again.output());
        assertEquals("1", git(repo, "rev-list", "--count", "pages"));

        // a new revision: one more commit on top
        holder.swap(exportable("5b6c7d8e9f00", "changed text"));
        String before = git(repo, "rev-parse", "pages");
        Run next = run(tmp, script(repo.toString(), "-", "--branch", "pages").toArray(String[]::new));
        assertEquals(0, next.exit(), next.output());
        assertEquals("2", git(repo, "rev-list", "--count", "pages"));
        assertEquals(before, git(repo, "rev-parse", "pages^"));
        assertNotEquals(before, git(repo, "rev-parse", "pages"));
        assertTrue(new String(gitShow(repo, "pages:Posts/ARP"), StandardCharsets.UTF_8).contains("changed text"));
        holder.swap(snapshot);
    }

    @Test
    void aBrokenDownloadWritesNothing(@TempDir Path tmp) throws Exception {
        holder.swap(TestSnapshots.seedLike("6c7d8e9f0011", "x")); // static/missing.css cannot be fetched
        Path out = tmp.resolve("out");
        Run r = run(tmp, script(tmp.toString(), out.toString()).toArray(String[]::new));
        assertEquals(1, r.exit(), r.output());
        // the gateway breaks the connection; the script says so (or, had the bytes looked whole, that the
        // archive is damaged) and writes nothing either way
        assertTrue(r.output().contains("broke off") || r.output().contains("incomplete or damaged"), r.output());
        assertFalse(Files.exists(out));
        holder.swap(snapshot);
    }

    @Test
    void failsClearlyWithoutAGateway(@TempDir Path tmp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(script(tmp.toString(), tmp.resolve("o").toString()))
                .directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().put("GATEWAY_PORT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("cannot reach the gateway"), out);
    }
}
