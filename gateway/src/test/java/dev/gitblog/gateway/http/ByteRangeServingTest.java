package dev.gitblog.gateway.http;

import dev.gitblog.gateway.site.Page;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.gitblog.gateway.http.SiteRoutesTest.plain;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Byte ranges of pages (from page-store files, then from the hot cache) and of static files (cached, and large
 * ones streamed from content-service): the served bytes are those of the file for random ranges; 416, If-Range and
 * the ranges that are ignored.
 */
@QuarkusTest
@WithTestResource(FakeContentService.class)
class ByteRangeServingTest extends ServesStoredSite {

    static final List<String> PAGES = List.of("Posts/ARP", "Posts", "About", "tags", "atom");

    /** A random single range of a body of {@code total} bytes, in each of the three forms. */
    static String randomRange(Random random, int total) {
        int first = random.nextInt(total);
        return switch (random.nextInt(3)) {
            case 0 -> "bytes=" + first + "-" + (first + random.nextInt(total - first + 10));
            case 1 -> "bytes=" + first + "-";
            default -> "bytes=-" + (1 + random.nextInt(total + 10));
        };
    }

    /** GET {@code path} with {@code range} answers 206 with exactly the bytes {@code range} names in {@code whole}. */
    static void assertServesRange(String path, String range, byte[] whole) {
        ByteRange.Part part = (ByteRange.Part) ByteRange.of(range, whole.length);
        Response r = plain().header("Range", range).get("/" + path);
        r.then().statusCode(206)
                .header("Content-Range", part.contentRange())
                .header("Content-Length", Long.toString(part.length()))
                .header("Content-Encoding", nullValue());
        byte[] expected = Arrays.copyOfRange(whole, (int) part.first(), (int) part.last() + 1);
        assertArrayEquals(expected, r.asByteArray(), path + " " + range);
    }

    @Test
    void randomRangesOfPagesAreTheBytesOfThePage() {
        Random random = new Random(21);
        for (String path : PAGES) {
            byte[] body = inHeap.page(path).orElseThrow().body();
            for (int i = 0; i < 12; i++) {
                assertServesRange(path, randomRange(random, body.length), body);
            }
        }
    }

    @Test
    void aRangeOfAPageGoesOutAsIdentityEvenWhenGzipIsAccepted() {
        Page arp = inHeap.page("Posts/ARP").orElseThrow();
        Response r = plain().header("Range", "bytes=0-9").header("Accept-Encoding", "gzip").get("/Posts/ARP");
        r.then().statusCode(206).header("ETag", arp.etag()).header("Content-Encoding", nullValue())
                .header("Content-Range", "bytes 0-9/" + arp.body().length);
        assertArrayEquals(Arrays.copyOf(arp.body(), 10), r.asByteArray());
    }

    @Test
    void wholeAnswersSayThatRangesAreAccepted() {
        plain().get("/Posts/ARP").then().statusCode(200).header("Accept-Ranges", "bytes");
        holder.swap(TestSnapshots.seedLike("rev-ranges", "text"));
        plain().get("/static/css/style.css").then().statusCode(200).header("Accept-Ranges", "bytes");
    }

    @Test
    void aRangePastTheEndIs416() {
        int length = inHeap.page("About").orElseThrow().body().length;
        plain().header("Range", "bytes=" + length + "-").get("/About").then().statusCode(416)
                .header("Content-Range", "bytes */" + length);
        holder.swap(TestSnapshots.seedLike("rev-ranges", "text"));
        plain().header("Range", "bytes=999999999-").get("/static/css/style.css").then().statusCode(416)
                .header("Content-Range", "bytes */" + TestSnapshots.CSS.length());
    }

    @Test
    void ifRangeWithTheCurrentValidatorGetsTheRangeElseTheWholePage() {
        Page arp = inHeap.page("Posts/ARP").orElseThrow();
        plain().header("Range", "bytes=0-4").header("If-Range", arp.etag()).get("/Posts/ARP")
                .then().statusCode(206);
        plain().header("Range", "bytes=0-4").header("If-Range", arp.lastModifiedHeader()).get("/Posts/ARP")
                .then().statusCode(206);
        Response stale = plain().header("Range", "bytes=0-4").header("If-Range", "\"an-older-version\"")
                .get("/Posts/ARP");
        stale.then().statusCode(200).header("Content-Range", nullValue());
        assertArrayEquals(arp.body(), stale.asByteArray());
        plain().header("Range", "bytes=0-4").header("If-Range", "Mon, 01 Jan 2001 00:00:00 GMT")
                .get("/Posts/ARP").then().statusCode(200);
    }

    @Test
    void severalRangesOrAnotherUnitGetTheWholePage() {
        Page about = inHeap.page("About").orElseThrow();
        for (String range : List.of("bytes=0-1,5-6", "lines=1-2", "bytes=9-3")) {
            Response r = plain().header("Range", range).get("/About");
            r.then().statusCode(200).header("Content-Range", nullValue());
            assertArrayEquals(about.body(), r.asByteArray(), range);
        }
    }

    @Test
    void headOfARangeHasItsHeadersAndNoBody() {
        holder.swap(TestSnapshots.seedLike("rev-ranges", "text"));
        int length = TestSnapshots.seedLike("rev-ranges", "text").page("About").orElseThrow().body().length;
        plain().header("Range", "bytes=1-3").head("/About").then().statusCode(206)
                .header("Content-Range", "bytes 1-3/" + length).header("Content-Length", "3")
                .body(emptyString());
        plain().header("Range", "bytes=-100").head("/static/big.bin").then().statusCode(206)
                .header("Content-Range", "bytes " + (TestSnapshots.FakeBlobs.BIG.length - 100) + "-"
                        + (TestSnapshots.FakeBlobs.BIG.length - 1) + "/" + TestSnapshots.FakeBlobs.BIG.length)
                .header("Content-Length", "100");
    }

    @Test
    void randomRangesOfACachedStaticFile() {
        holder.swap(TestSnapshots.seedLike("rev-ranges", "text"));
        Random random = new Random(7);
        byte[] css = TestSnapshots.CSS.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 12; i++) {
            assertServesRange("static/css/style.css", randomRange(random, css.length), css);
        }
        Response gz = plain().header("Range", "bytes=0-3").header("Accept-Encoding", "gzip").get("/static/css/style.css");
        gz.then().statusCode(206).header("Content-Encoding", nullValue());
        assertArrayEquals(Arrays.copyOf(css, 4), gz.asByteArray());
    }

    @Test
    void randomRangesOfAStreamedStaticFile() {
        holder.swap(TestSnapshots.seedLike("rev-ranges", "text"));
        Random random = new Random(3);
        byte[] big = TestSnapshots.FakeBlobs.BIG;
        for (int i = 0; i < 6; i++) {
            assertServesRange("static/big.bin", randomRange(random, big.length), big);
        }
        assertServesRange("static/big.bin", "bytes=0-0", big);
        assertServesRange("static/big.bin", "bytes=-1", big);
        assertEquals(200, plain().get("/static/big.bin").statusCode(), "the connection pool still works");
    }
}
