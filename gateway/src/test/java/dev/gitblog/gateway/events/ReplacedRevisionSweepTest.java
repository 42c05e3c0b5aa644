package dev.gitblog.gateway.events;

import dev.gitblog.events.Entry;
import dev.gitblog.gateway.http.FakeContentService;
import dev.gitblog.gateway.site.Content;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A push replaces a page and nothing comes after it: the replaced page's file goes once its grace period is
 * over, without waiting for another swap (whose sweep is the only one an idle gateway had before).
 */
@QuarkusTest
@TestProfile(ReplacedRevisionSweepTest.ShortGrace.class)
@WithTestResource(FakeContentService.class)
class ReplacedRevisionSweepTest {

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "blog.page-store.grace", "PT1S",
                    "blog.page-store.sweep-interval", "PT0.2S");
        }
    }

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    SnapshotHolder holder;

    @Test
    void aReplacedPagesFileGoesAfterTheGracePeriodWithoutAnotherPush() {
        PipelineTest.publishFirstRevision(connector, holder);
        Path old = file("Posts/Hello");
        assertTrue(Files.exists(old), old.toString());

        // p2 changes the article: its page is recomposed into a new file, the old one is retired
        PipelineEvents events = new PipelineEvents(connector);
        Entry hello = PipelineEvents.article("Posts/Hello", "Hello again", List.of("greeting"), "the first post",
                "p2", "hash-hello-2", PipelineEvents.T1, PipelineEvents.T3);
        events.send(PipelineEvents.marker("p2", "p1", List.of("Posts/Hello"), List.of(), 9, PipelineEvents.T3));
        events.send(hello);
        events.send(PipelineEvents.fragment(hello, "<p>Rewritten.</p>\n"));
        events.send(PipelineEvents.atom("p2"));
        PipelineTest.await("revision p2 to be served", () -> "p2".equals(holder.servedRevision()));
        Path current = file("Posts/Hello");

        // no further revision: the sweep of replaced revisions alone removes it
        PipelineTest.await("the replaced page's file to be removed", () -> !Files.exists(old));
        assertTrue(Files.exists(current), "the served page stays");
        given().get("/Posts/Hello").then().statusCode(200).body(containsString("Rewritten."));
    }

    private Path file(String path) {
        Content identity = holder.current().orElseThrow().page(path).orElseThrow().identity();
        return assertInstanceOf(Content.OnDisk.class, identity, path + " is stored on disk").file();
    }
}
