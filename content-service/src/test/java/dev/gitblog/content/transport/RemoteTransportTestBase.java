package dev.gitblog.content.transport;

import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.gitblog.content.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service against a real remote (ssh or https, see the subclasses): the first fetch clones into BLOG_DATA
 * and publishes, a push is fetched and published, wrong credentials are a clear error in /api/revision and the
 * readiness details while the last revision stays published, the service recovers by itself once the
 * credentials are right again, and no secret is ever written to the log (at DEBUG) or an API answer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// the test.remote.* properties come from the subclass's resource; the defaults only keep other @QuarkusTest
// applications (which validate every test class's injection points) from failing to start
abstract class RemoteTransportTestBase {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @ConfigProperty(name = "test.remote.repo", defaultValue = "unset")
    String repoDir;

    @ConfigProperty(name = "test.remote.control", defaultValue = "unset")
    String control;

    @ConfigProperty(name = "test.remote.good", defaultValue = "unset")
    String good;

    @ConfigProperty(name = "test.remote.bad", defaultValue = "unset")
    String bad;

    @ConfigProperty(name = "test.remote.secret", defaultValue = "unset")
    String secret;

    @ConfigProperty(name = "test.remote.log", defaultValue = "unset")
    String logFile;

    @ConfigProperty(name = "blog.data")
    String data;

    /** Words that the error for refused credentials must all contain (lower case). */
    abstract List<String> authErrorWords();

    private InMemorySink<Record<String, String>> revisions() {
        return connector.sink("revisions-out");
    }

    private List<RevisionMarker> markers() {
        return revisions().received().stream().map(m -> EventCodec.revision(m.getPayload().value())).toList();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    private String commitPost(String name) throws Exception {
        try (TestRepo repo = TestRepo.open(Path.of(repoDir))) {
            repo.write("Posts/" + name, "---\ntitle: " + name + "\nauthor: a\n---\nbody of " + name + "\n");
            return repo.commit("2022-03-0" + (name.length() % 9 + 1) + "T10:00:00Z").name();
        }
    }

    private void hook() {
        given().header("Authorization", "Bearer " + RemoteResource.HOOK_SECRET).post("/hooks/git")
                .then().statusCode(202);
    }

    private JsonPath revision() {
        return given().get("/api/revision").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void firstFetchClonesIntoTheDataFolderAndPublishes() throws Exception {
        await("the first marker", () -> !revisions().received().isEmpty());
        String head;
        try (TestRepo repo = TestRepo.open(Path.of(repoDir))) {
            head = repo.head().name();
        }
        RevisionMarker marker = markers().get(0);
        assertEquals(head, marker.revision());
        assertEquals(3, marker.entryCount());
        assertTrue(Files.isRegularFile(Path.of(data, "content", "clone.git", "HEAD")),
                "a remote URL is cloned (bare) into BLOG_DATA");
        JsonPath st = revision();
        assertEquals(head, st.getString("revision"));
        assertEquals("main", st.getString("branch"));
        assertNull(st.getString("lastError"));
    }

    @Test
    @Order(2)
    void aPushIsFetchedAndPublished() throws Exception {
        int before = markers().size();
        String head = commitPost("Pushed");
        hook();
        await("the pushed revision", () -> markers().size() > before);
        RevisionMarker marker = markers().get(markers().size() - 1);
        assertEquals(head, marker.revision());
        assertEquals(List.of("Posts/Pushed"), marker.changedPaths());
        assertEquals(4, marker.entryCount());
        given().get("/api/entries/Posts/Pushed").then().statusCode(200);
    }

    @Test
    @Order(3)
    void refusedCredentialsAreAClearErrorAndTheLastRevisionStays() throws Exception {
        String served = revision().getString("revision");
        int markersBefore = markers().size();
        Files.writeString(Path.of(control), bad, StandardCharsets.UTF_8);
        String pending = commitPost("WhileRefused");
        try {
            hook();
            await("the refused credentials in /api/revision", () -> revision().getString("lastError") != null);
            JsonPath st = revision();
            String error = st.getString("lastError");
            String lower = error.toLowerCase(Locale.ROOT);
            assertTrue(authErrorWords().stream().allMatch(lower::contains),
                    "the error says the credentials were refused: " + error);
            assertTrue(error.contains(":" + st.getString("source").replace("#main", "").split("://")[1]
                    .split("@")[0]) || error.contains(st.getString("source").replace("#main", "")),
                    "the error names the source (masked): " + error);
            assertEquals(served, st.getString("revision"), "the last revision stays published");
            assertNotNull(st.getString("lastErrorAt"));
            String ready = management().get("/q/health/ready").then().extract().asString();
            assertTrue(ready.contains("lastError"), "the readiness details name the error: " + ready);
            assertEquals(markersBefore, markers().size(), "nothing published while refused");
        } finally {
            Files.writeString(Path.of(control), good, StandardCharsets.UTF_8);
        }
        // no hook: the retry with backoff fetches again by itself
        await("recovery after the credentials are right again",
                () -> pending.equals(revision().getString("revision")) && revision().getString("lastError") == null);
    }

    @Test
    @Order(4)
    void theSecretIsNeverLoggedNorAnswered() throws Exception {
        StringBuilder all = new StringBuilder();
        Path dir = Path.of(logFile).getParent();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("service.log")).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)); // any bytes
            }
        }
        String log = all.toString();
        assertTrue(log.contains("retrying in"), "the log file holds the service's lines, incl. the fetch error");
        assertFalse(log.contains(secret), "the secret is in the log");
        for (String path : List.of("/api/revision", "/api/entries")) {
            assertFalse(given().get(path).then().extract().asString().contains(secret), "the secret is in " + path);
        }
        for (String path : List.of("/q/health/ready", "/q/health", "/q/metrics")) {
            assertFalse(management().get(path).then().extract().asString().contains(secret), "the secret is in " + path);
        }
    }
}
