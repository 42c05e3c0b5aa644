package dev.gitblog.gateway.hooks;

import dev.gitblog.gateway.http.FakeContentService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(FakeContentService.class)
class HookProxyTest {

    @AfterEach
    void up() {
        FakeContentService.comeUp();
    }

    @Test
    void forwardsMethodPathBodyAndSignatureHeaders() {
        String payload = "{\"ref\":\"refs/heads/main\",\"after\":\"8285473\"}";
        given().header("X-Hub-Signature-256", "sha256=abc123")
                .header("X-GitHub-Event", "push")
                .header("Content-Type", "application/json")
                .body(payload)
                .post("/hooks/git?source=test")
                .then().statusCode(202)
                .header("X-Fake", "content-service")
                .body("accepted", equalTo(true));
        FakeContentService.HookCall call = FakeContentService.lastHook;
        assertEquals("POST", call.method());
        assertEquals("/hooks/git?source=test", call.uri());
        assertEquals("sha256=abc123", call.headers().get("X-Hub-Signature-256"));
        assertEquals("push", call.headers().get("X-GitHub-Event"));
        assertEquals("application/json", call.headers().get("Content-Type").split(";")[0]);
        assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), call.body());

        given().header("Authorization", "Bearer s3cret").body("x").put("/hooks/other").then().statusCode(202);
        assertEquals("PUT", FakeContentService.lastHook.method());
        assertEquals("Bearer s3cret", FakeContentService.lastHook.headers().get("Authorization"));
    }

    @Test
    void theUpstreamAnswerComesBackUnchanged() {
        given().body("{}").post("/hooks/git").then().statusCode(401).body(containsString("401"));
    }

    @Test
    void tooLargeBodiesAreRefused() {
        FakeContentService.lastHook = null;
        byte[] big = new byte[1024 * 1024 + 1];
        given().header("Authorization", "Bearer s3cret").body(big).post("/hooks/git").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        assertNull(FakeContentService.lastHook);
    }

    @Test
    void contentServiceDownIsABadGateway() {
        FakeContentService.goDown();
        given().header("Authorization", "Bearer s3cret").body("{}").post("/hooks/git").then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("title", equalTo("Bad Gateway"))
                .body("type", equalTo("about:blank"))
                .body("detail", containsString("content-service"));
    }
}
