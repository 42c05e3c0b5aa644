package dev.gitblog.gateway.http;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import java.util.Random;

import static dev.gitblog.gateway.http.SiteRoutesTest.plain;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Byte ranges of every page sent with sendfile from its open page-store file (a file region at an offset); and,
 * with this profile, the operator's own response headers on every answer.
 */
@QuarkusTest
@TestProfile(SendfileByteRangeTest.SendfileAndOperatorHeaders.class)
@WithTestResource(FakeContentService.class)
class SendfileByteRangeTest extends ServesStoredSite {

    public static class SendfileAndOperatorHeaders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "blog.page-store.sendfile-min-bytes", "1",
                    "blog.http.content-security-policy", "default-src 'self'; img-src *",
                    "blog.http.referrer-policy", "no-referrer",
                    "blog.http.extra-headers", "Permissions-Policy: geolocation=()\\, camera=(),X-Frame-Options: DENY");
        }
    }

    @Test
    void theOperatorsHeadersAreOnEveryAnswer() {
        for (String path : List.of("/Posts/ARP", "/no/such/page", "/static/css/style.css", "/api/tags",
                "/api/articles/none")) {
            plain().get(path).then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", "default-src 'self'; img-src *")
                    .header("Permissions-Policy", "geolocation=(), camera=()")
                    .header("X-Frame-Options", "DENY");
        }
    }

    @Test
    void randomRangesOfPagesAreTheBytesOfTheirFiles() {
        Random random = new Random(1621);
        for (String path : ByteRangeServingTest.PAGES) {
            byte[] body = inHeap.page(path).orElseThrow().body();
            for (int i = 0; i < 12; i++) {
                ByteRangeServingTest.assertServesRange(path, ByteRangeServingTest.randomRange(random, body.length), body);
            }
        }
        assertEquals(0, pages.hot().size(), "no range went through the hot cache");
    }
}
