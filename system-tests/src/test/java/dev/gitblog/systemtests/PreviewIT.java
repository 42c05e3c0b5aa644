package dev.gitblog.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code run.sh --preview PATH} against real processes: the work tree as it is on disk (an uncommitted edit,
 * an untracked post), drafts marked, a broken post's reason on its own URL, every page noindex, and the
 * reload signal of a page firing after a save.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreviewIT {

    static final Path WORK = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/preview");
    static LocalSystem system;
    static Path repo;

    @BeforeAll
    static void startPreview() throws Exception {
        SeedBlogSystemIT.deleteTree(WORK);
        repo = WORK.resolve("blog");
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            write(".config/blog_name", "Preview Blog\n");
            write(".config/uuid", "0b6c3f1e-3d5e-4d1a-8f7e-6a2b9c1d0e4f\n");
            write(".config/index_page", "Posts\n");
            write("Posts/Committed", "---\ntitle: Committed Post\nauthor: ada\n---\nAs committed.\n");
            write("Posts/Draft", "---\ntitle: Work In Progress\nauthor: ada\ndraft: true\n---\nSoon.\n");
            commit(git, "a post and a draft");
        }
        system = LocalSystem.start(List.of("--preview", repo.toString()), WORK.resolve("data"), 19280, "preview-secret",
                Duration.ofMinutes(8));
    }

    @AfterAll
    static void stopPreview() throws Exception {
        if (system != null) {
            system.close();
            assertEquals(List.of(), system.leftovers(), "no JVM left behind");
        }
    }

    @Test
    @Order(1)
    void theReadyLineIsTheSameAndDraftsAreShownMarked() {
        assertEquals("ready: " + system.gateway() + "/", system.readyLine());
        Response draft = given().get(system.gateway() + "/Posts/Draft");
        assertEquals(200, draft.statusCode(), system::logTails);
        assertTrue(draft.asString().contains("[draft] Work In Progress"), draft.asString());
        assertTrue(given().get(system.gateway() + "/Posts").asString().contains("[draft] Work In Progress"));
    }

    @Test
    @Order(2)
    void everyPageIsNoindexAndCarriesTheReloadScript() {
        for (String path : List.of("/", "/Posts", "/Posts/Committed", "/tags", "/no-such-page")) {
            Response r = given().get(system.gateway() + path);
            assertEquals("noindex", r.header("X-Robots-Tag"), path);
            assertTrue(r.asString().contains("<meta name=\"robots\" content=\"noindex\"/>"), path);
            assertTrue(r.asString().contains("/_preview/revision"), path);
        }
    }

    @Test
    @Order(3)
    void anUncommittedEditAndAnUntrackedPostAreServedAndTheReloadSignalFires() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String before = http.send(HttpRequest.newBuilder(URI.create(system.gateway() + "/_preview/revision")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(before, given().get(system.gateway() + "/Posts").header("X-Blog-Revision"));
        // what the page's script does: wait for a revision other than the one it was served with
        CompletableFuture<HttpResponse<String>> signal = http.sendAsync(HttpRequest.newBuilder(
                URI.create(system.gateway() + "/_preview/revision?since=" + before)).build(),
                HttpResponse.BodyHandlers.ofString());

        Instant saved = Instant.now();
        write("Posts/Committed", "---\ntitle: Committed Post\nauthor: ada\n---\nEdited, not committed.\n");
        write("Posts/Untracked", "---\ntitle: Brand New\nauthor: ada\n---\nNever added to git.\n");

        HttpResponse<String> fired = signal.get(60, TimeUnit.SECONDS);
        assertEquals(200, fired.statusCode());
        assertNotEquals(before, fired.body(), "the reload signal names a new revision");
        System.out.printf("preview: reload signal %d ms after the save%n", Duration.between(saved, Instant.now()).toMillis());
        awaitTrue("both files served", Duration.ofSeconds(60), () ->
                given().get(system.gateway() + "/Posts/Committed").asString().contains("Edited, not committed.")
                        && given().get(system.gateway() + "/Posts/Untracked").statusCode() == 200);
        System.out.printf("preview: a saved file served %d ms after the save%n",
                Duration.between(saved, Instant.now()).toMillis());
        assertTrue(given().get(system.gateway() + "/Posts/Untracked").asString().contains("Never added to git."));
        assertTrue(given().get(system.gateway() + "/Posts").asString().contains("Brand New"));
    }

    @Test
    @Order(4)
    void aPostThatDoesNotParseShowsItsReasonOnItsOwnUrl() throws Exception {
        write("Posts/Broken", "---\ntitle: Broken <b>header</b>\nauthor: ada\nNo closing line here.\n");
        awaitTrue("the broken post's page", Duration.ofSeconds(60),
                () -> given().get(system.gateway() + "/Posts/Broken").statusCode() == 200);
        String page = given().get(system.gateway() + "/Posts/Broken").asString();
        assertTrue(page.contains("[does not parse] Posts/Broken"), page);
        assertTrue(page.contains("is never closed"), page);
        assertFalse(page.contains("<b>header</b>"), "the reason is shown as text, never as markup");
    }

    // --- helpers ---------------------------------------------------------------------------------

    static void write(String path, String text) throws java.io.IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        org.eclipse.jgit.lib.PersonIdent me = new org.eclipse.jgit.lib.PersonIdent("ada", "ada@example.invalid",
                Instant.now(), java.time.ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(me).setCommitter(me).setSign(false).call();
    }

    /** Polls {@code condition} until it holds or the deadline passes (then fails with the services' logs). */
    static void awaitTrue(String what, Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout + system.logTails());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
