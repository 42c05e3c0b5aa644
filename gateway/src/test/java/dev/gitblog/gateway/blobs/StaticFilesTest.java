package dev.gitblog.gateway.blobs;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.http.FakeContentService;
import dev.gitblog.gateway.http.TestSnapshots;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(FakeContentService.class)
class StaticFilesTest {

    @Inject
    SnapshotHolder holder;

    @BeforeEach
    void serve() {
        FakeContentService.comeUp();
        holder.swap(TestSnapshots.seedLike("rev-static", "x"));
    }

    @AfterEach
    void up() {
        FakeContentService.comeUp();
    }

    static RequestSpecification plain() {
        return given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()));
    }

    @Test
    void cssIsFetchedOnceThenServedFromMemoryEvenWithContentServiceDown() throws IOException {
        byte[] css = TestSnapshots.CSS.getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + TestSnapshots.CSS_HASH + "\"";
        Response first = plain().get("/static/css/style.css");
        first.then().statusCode(200).header("Content-Type", "text/css").header("ETag", etag)
                .header("Vary", "Accept-Encoding").header("Cache-Control", "public, max-age=86400")
                .header("Last-Modified", "Fri, 19 Nov 2021 12:00:00 GMT");
        assertArrayEquals(css, first.asByteArray());
        int fetched = FakeContentService.fetches(TestSnapshots.CSS_HASH);
        assertEquals(1, fetched);

        FakeContentService.goDown();
        assertArrayEquals(css, plain().get("/static/css/style.css").then().statusCode(200).extract().asByteArray());
        Response gz = plain().header("Accept-Encoding", "gzip").get("/static/css/style.css");
        gz.then().statusCode(200).header("Content-Encoding", "gzip").header("ETag", "\"" + TestSnapshots.CSS_HASH + "-gzip\"");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.asByteArray()))) {
            assertArrayEquals(css, in.readAllBytes());
        }
        plain().header("If-None-Match", etag).get("/static/css/style.css").then().statusCode(304);
        plain().head("/static/css/style.css").then().statusCode(200)
                .header("Content-Length", String.valueOf(css.length));
        assertEquals(fetched, FakeContentService.fetches(TestSnapshots.CSS_HASH));

        // a file that was never cached cannot be served while content-service is down
        plain().get("/static/img/x.png").then().statusCode(502).header("Retry-After", "10");
        FakeContentService.comeUp();
        Response png = plain().header("Accept-Encoding", "gzip").get("/static/img/x.png");
        png.then().statusCode(200).header("Content-Type", "image/png").header("Content-Encoding", nullValue())
                .header("Vary", nullValue());
        assertArrayEquals(TestSnapshots.FakeBlobs.PNG, png.asByteArray());
    }

    @Test
    void largeFilesAreStreamedThroughAndNotKept() {
        int before = FakeContentService.fetches(TestSnapshots.BIG_HASH);
        for (int i = 0; i < 2; i++) {
            Response r = plain().get("/static/big.bin");
            r.then().statusCode(200).header("Content-Type", "application/octet-stream")
                    .header("Content-Length", String.valueOf(TestSnapshots.FakeBlobs.BIG.length));
            assertArrayEquals(TestSnapshots.FakeBlobs.BIG, r.asByteArray());
        }
        assertEquals(before + 2, FakeContentService.fetches(TestSnapshots.BIG_HASH));
        // HEAD answers from the entry's metadata, without fetching
        plain().head("/static/big.bin").then().statusCode(200)
                .header("Content-Length", String.valueOf(TestSnapshots.FakeBlobs.BIG.length));
        assertEquals(before + 2, FakeContentService.fetches(TestSnapshots.BIG_HASH));
    }

    @Test
    void aBlobContentServiceDoesNotHaveIsABadGateway() {
        plain().get("/static/missing.css").then().statusCode(502);
    }
}
