package dev.gitblog.content.component;

import dev.gitblog.content.api.HookAuthenticator;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static dev.gitblog.content.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A missing branch is an error shown by the API and the readiness check, retried, never a crash. */
@QuarkusTest
@WithTestResource(MissingBranchResource.class)
class SourceFaultTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void missingBranchIsReportedNotFatal() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().get("/api/revision").jsonPath().getString("lastError") == null) {
            assertTrue(System.nanoTime() < deadline, "no error reported");
            Thread.onSpinWait();
        }
        given().get("/api/revision").then().statusCode(200)
                .body("revision", nullValue())
                .body("ready", equalTo(false))
                .body("lastError", containsString("branch `drafts` not found"));
        management().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'content-ingest' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'content-ingest' }.data.lastError", containsString("drafts"));
        management().get("/q/health/live").then().statusCode(200);
        given().get("/api/entries").then().statusCode(503).header("Retry-After", "5")
                .contentType("application/problem+json").body("detail", equalTo("no revision published yet"));
        assertEquals(0, connector.sink("entries-out").received().size());
        assertEquals(0, connector.sink("revisions-out").received().size());
    }

    @Test
    void withoutASecretEveryHookIsRefused() {
        byte[] body = "{}".getBytes();
        given().body(body).header("X-Hub-Signature-256", HookAuthenticator.signature("anything", body))
                .post("/hooks/git").then().statusCode(401);
        given().body(body).header("Authorization", "Bearer ").post("/hooks/git").then().statusCode(401);
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().body("{}").post("/hooks/git").then().statusCode(401);
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("content_fetch_failures_total"))
                .body(containsString("content_hooks_total"));
        management().get("/q/openapi").then().statusCode(200)
                .body(containsString("/hooks/git")).body(containsString("/api/blobs/{hash}"));
    }
}
