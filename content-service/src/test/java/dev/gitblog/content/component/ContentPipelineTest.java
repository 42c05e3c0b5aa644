package dev.gitblog.content.component;

import dev.gitblog.content.api.HookAuthenticator;
import dev.gitblog.content.ingest.IngestService;
import dev.gitblog.content.testing.TestRepo;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.RevisionMarker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.inject.Inject;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.gitblog.content.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service on the fixture repository, with in-memory channels: what it publishes, serves and accepts. */
@QuarkusTest
@WithTestResource(FixtureRepoResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentPipelineTest {

    @Inject
    @org.eclipse.microprofile.reactive.messaging.spi.Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    IngestService ingest;

    @ConfigProperty(name = "blog.repo")
    String blogRepo;

    private InMemorySink<Record<String, String>> entries() {
        return connector.sink("entries-out");
    }

    private InMemorySink<Record<String, String>> revisions() {
        return connector.sink("revisions-out");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    private List<RevisionMarker> markers() {
        return revisions().received().stream().map(m -> EventCodec.revision(m.getPayload().value())).toList();
    }

    private Path repoDir() {
        return Path.of(blogRepo.substring(0, blogRepo.lastIndexOf('#')));
    }

    private static Map<String, Entry> latest(List<? extends Message<Record<String, String>>> messages) {
        Map<String, Entry> out = new HashMap<>();
        for (var m : messages) {
            String v = m.getPayload().value();
            if (v == null) {
                out.remove(m.getPayload().key());
            } else {
                out.put(m.getPayload().key(), EventCodec.entry(v));
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void initialIngestPublishesEveryPathThenTheMarker() throws Exception {
        await("the first marker", () -> !revisions().received().isEmpty());
        int entriesWhenMarkerSeen = entries().received().size();
        RevisionMarker marker = markers().get(0);
        ObjectId head;
        try (TestRepo repo = TestRepo.open(repoDir())) {
            head = repo.head();
        }
        assertEquals(head.name(), marker.revision());
        assertNull(marker.previousRevision());
        assertEquals("blog", marker.sourceId());
        assertEquals("2022-11-18T07:00:00Z", marker.commitTime().toString());
        // 12 files of the seed blog + style.css, dot.png, Posts/Broken
        assertEquals(15, marker.entryCount());
        assertEquals(15, entriesWhenMarkerSeen, "every entry is sent before the marker");
        assertEquals(15, marker.changedPaths().size());
        assertEquals(List.of(), marker.removedPaths());

        Map<String, Entry> byPath = latest(entries().received());
        assertEquals(15, byPath.size());
        assertTrue(entries().received().stream().allMatch(m -> m.getPayload().key() != null));
        Entry arp = byPath.get("Posts/ARP");
        assertEquals(EntryKind.ARTICLE, arp.kind());
        assertEquals("Re-engineering ARP", arp.article().title());
        assertEquals(List.of("mirageos", "protocol"), arp.article().tags());
        assertEquals("2016-07-12T15:40:22-00:00", CanopyTime.machine(arp.created()));
        assertEquals("2021-11-19T14:33:08-00:00", CanopyTime.machine(arp.updated()));
        assertEquals(head.name(), arp.revision());
        assertEquals(EntryKind.REDIRECT, byPath.get("Posts/About").kind());
        assertEquals("/About", byPath.get("Posts/About").redirect().target());
        assertEquals("full stack engineer", byPath.get(".config/blog_name").config().value());
        assertEquals(new Entry.StaticAsset("image/png", FixtureRepoResource.PNG.length),
                byPath.get("static/img/dot.png").staticAsset());
        Entry broken = byPath.get("Posts/Broken");
        assertEquals(EntryKind.INVALID, broken.kind());
        assertEquals(3, broken.invalid().line());
    }

    @Test
    @Order(2)
    void apiServesThePublishedRevision() {
        String revision = markers().get(0).revision();
        given().get("/api/revision").then().statusCode(200)
                .body("revision", equalTo(revision))
                .body("entryCount", equalTo(15))
                .body("counts.ARTICLE", equalTo(6))
                .body("counts.INVALID", equalTo(1))
                .body("counts.STATIC", equalTo(2))
                .body("ready", equalTo(true))
                .body("branch", equalTo("main"));
        given().get("/api/entries").then().statusCode(200).body("size()", equalTo(15))
                .body("path", hasItem("Posts/Albatross"));
        given().get("/api/entries?kind=INVALID").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].invalid.reason", org.hamcrest.Matchers.containsString("line 3"));
        given().get("/api/entries/Posts/BottomUp").then().statusCode(200)
                .body("created", equalTo("2016-06-11T23:15:30Z"))
                .body("article.title", equalTo("Counting Bytes"));
        given().get("/api/entries/Posts/Nope").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", equalTo("no entry Posts/Nope"));
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'content-ingest' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'content-ingest' }.data.revision", equalTo(revision));
    }

    @Test
    @Order(3)
    void blobsAreServedByHashForStaticFilesOnly() {
        Map<String, Entry> byPath = latest(entries().received());
        String png = byPath.get("static/img/dot.png").contentHash();
        byte[] bytes = given().get("/api/blobs/" + png).then().statusCode(200)
                .header("Content-Type", "image/png")
                .header("ETag", "\"" + png + "\"")
                .header("Content-Length", String.valueOf(FixtureRepoResource.PNG.length))
                .header("Cache-Control", org.hamcrest.Matchers.containsString("immutable"))
                .extract().asByteArray();
        assertArrayEquals(FixtureRepoResource.PNG, bytes);
        String css = byPath.get("static/css/style.css").contentHash();
        given().get("/api/blobs/" + css).then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.startsWith("text/css"))
                .body(equalTo("body { margin: 0 }\n"));
        given().header("If-None-Match", "\"" + css + "\"").get("/api/blobs/" + css).then().statusCode(304);
        given().get("/api/blobs/" + byPath.get("Posts/ARP").contentHash()).then().statusCode(404);
        given().get("/api/blobs/" + "0".repeat(40)).then().statusCode(404);
        given().get("/api/blobs/not-a-hash").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request")).body("detail", equalTo("expected a 40-hex-digit blob id"));
    }

    @Test
    @Order(4)
    void webhookRefusesWhatIsNotSigned() {
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        given().body(body).contentType(ContentType.JSON).post("/hooks/git").then().statusCode(401)
                .contentType("application/problem+json").body("detail", equalTo("missing or invalid signature"));
        given().body(body).contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", HookAuthenticator.signature("wrong", body))
                .post("/hooks/git").then().statusCode(401);
        given().body(body).contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", HookAuthenticator.signature(FixtureRepoResource.SECRET, "x".getBytes()))
                .post("/hooks/git").then().statusCode(401);
        given().body(body).header("Authorization", "Bearer nope").post("/hooks/git").then().statusCode(401);
        byte[] big = new byte[5000]; // %test limit: 4096
        given().body(big).header("X-Hub-Signature-256", HookAuthenticator.signature(FixtureRepoResource.SECRET, big))
                .post("/hooks/git").then().statusCode(413);
        // a correctly signed body replayed to another path (a matrix parameter, a trailing slash) is no push
        String signed = HookAuthenticator.signature(FixtureRepoResource.SECRET, body);
        given().urlEncodingEnabled(false).body(body).header("X-Hub-Signature-256", signed)
                .post("/hooks/git;x").then().statusCode(404);
        given().body(body).header("X-Hub-Signature-256", signed).post("/hooks/git/").then().statusCode(404);
        assertEquals(1, revisions().received().size(), "no refused hook caused a publish");
    }

    @Test
    @Order(5)
    void aPushPublishesTheChangeAndATombstoneThenTheMarker() throws Exception {
        int before = entries().received().size();
        String previous = markers().get(0).revision();
        ObjectId head;
        try (TestRepo repo = TestRepo.open(repoDir())) {
            repo.delete("Posts/Conex").write("Posts/ARP", "---\ntitle: ARP again\nauthor: hannes\n---\nnew\n");
            head = repo.commit("2023-01-02T03:04:05+02:00");
        }
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        given().body(body).contentType(ContentType.JSON)
                .header("X-Hub-Signature-256", HookAuthenticator.signature(FixtureRepoResource.SECRET, body))
                .post("/hooks/git").then().statusCode(202);
        await("the second marker", () -> revisions().received().size() >= 2);
        var sent = entries().received().subList(before, entries().received().size());
        assertEquals(2, sent.size(), "only the changed and the removed path: " + sent);
        Map<String, String> byKey = new HashMap<>();
        sent.forEach(m -> byKey.put(m.getPayload().key(), m.getPayload().value()));
        assertNull(byKey.get("Posts/Conex"), "tombstone");
        assertTrue(byKey.containsKey("Posts/Conex"));
        Entry arp = EventCodec.entry(byKey.get("Posts/ARP"));
        assertEquals("ARP again", arp.article().title());
        assertEquals(head.name(), arp.revision());
        assertEquals("2016-07-12T15:40:22Z", arp.created().toString(), "created survives the rewrite");
        assertEquals("2023-01-02T01:04:05Z", arp.updated().toString());

        RevisionMarker marker = markers().get(1);
        assertEquals(head.name(), marker.revision());
        assertEquals(previous, marker.previousRevision());
        assertEquals(List.of("Posts/ARP"), marker.changedPaths());
        assertEquals(List.of("Posts/Conex"), marker.removedPaths());
        assertEquals(14, marker.entryCount());
        given().get("/api/entries/Posts/Conex").then().statusCode(404);
        given().get("/api/revision").then().body("revision", equalTo(head.name()))
                .body("previousRevision", equalTo(previous));
    }

    @Test
    @Order(6)
    void reIngestingAnUnchangedRepositoryPublishesNothing() {
        int entriesBefore = entries().received().size();
        int markersBefore = revisions().received().size();
        long runsBefore = ingest.runs();
        given().header("Authorization", "Bearer " + FixtureRepoResource.SECRET).post("/hooks/git")
                .then().statusCode(202);
        await("one more ingest run", () -> ingest.runs() > runsBefore && ingest.idle());
        assertEquals(entriesBefore, entries().received().size());
        assertEquals(markersBefore, revisions().received().size());
        given().get("/api/revision").then().body("lastError", org.hamcrest.Matchers.nullValue());
    }
}
