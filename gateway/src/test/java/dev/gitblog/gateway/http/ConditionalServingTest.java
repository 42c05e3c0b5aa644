package dev.gitblog.gateway.http;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.gitblog.gateway.http.SiteRoutesTest.plain;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every conditional request the way nginx answers it, for each kind of resource: pages, feeds, static files and
 * the JSON API; and the safe default headers on every answer.
 */
@QuarkusTest
@WithTestResource(FakeContentService.class)
class ConditionalServingTest {

    private static final String BEFORE = "Thu, 01 Jan 2015 00:00:00 GMT";
    private static final String LATER = "Fri, 01 Jan 2100 00:00:00 GMT";

    @Inject
    SnapshotHolder holder;

    SiteSnapshot snapshot;
    private SiteSnapshot before;

    @BeforeEach
    void serve() {
        before = holder.current().orElse(null);
        snapshot = TestSnapshots.seedLike("rev-cond", "conditional text");
        holder.swap(snapshot);
    }

    @AfterEach
    void restore() {
        if (before != null) {
            holder.swap(before);
        }
    }

    /** A page, a feed and a static file with their strong ETag. */
    private List<String[]> resources() {
        Page arp = snapshot.page("Posts/ARP").orElseThrow();
        Page atom = snapshot.page("atom").orElseThrow();
        return List.of(new String[] {"/Posts/ARP", arp.etag()}, new String[] {"/atom", atom.etag()},
                new String[] {"/static/css/style.css", "\"" + TestSnapshots.CSS_HASH + "\""});
    }

    @Test
    void ifModifiedSinceWithoutIfNoneMatchIs304() {
        for (String[] r : resources()) {
            String lastModified = plain().get(r[0]).then().statusCode(200).extract().header("Last-Modified");
            plain().header("If-Modified-Since", lastModified).get(r[0]).then().statusCode(304).body(emptyString());
            plain().header("If-Modified-Since", LATER).get(r[0]).then().statusCode(304);
            plain().header("If-Modified-Since", BEFORE).get(r[0]).then().statusCode(200);
            plain().header("If-Modified-Since", LATER).header("If-None-Match", "\"other\"").get(r[0])
                    .then().statusCode(200);
        }
    }

    @Test
    void ifNoneMatchIs304() {
        for (String[] r : resources()) {
            plain().header("If-None-Match", r[1]).get(r[0]).then().statusCode(304).header("ETag", r[1]);
            plain().header("If-None-Match", "W/" + r[1]).head(r[0]).then().statusCode(304);
        }
    }

    @Test
    void ifMatchWithAnotherTagIs412() {
        for (String[] r : resources()) {
            plain().header("If-Match", "\"someone-elses\"").get(r[0]).then().statusCode(412);
            plain().header("If-Match", r[1]).get(r[0]).then().statusCode(200);
            plain().header("If-Match", "*").get(r[0]).then().statusCode(200);
        }
    }

    @Test
    void ifUnmodifiedSinceBeforeTheChangeIs412() {
        for (String[] r : resources()) {
            plain().header("If-Unmodified-Since", BEFORE).get(r[0]).then().statusCode(412);
            plain().header("If-Unmodified-Since", LATER).get(r[0]).then().statusCode(200);
        }
    }

    @Test
    void theApiTagsItsAnswersWithTheRevision() {
        for (String path : List.of("/api/articles", "/api/articles?page=1&size=1", "/api/articles/Posts/ARP",
                "/api/tags")) {
            plain().get(path).then().statusCode(200).header("ETag", "\"rev-cond\"");
            plain().header("If-None-Match", "\"rev-cond\"").get(path).then().statusCode(304)
                    .header("ETag", "\"rev-cond\"").body(emptyString());
            plain().header("If-None-Match", "\"rev-older\"").get(path).then().statusCode(200);
            plain().header("If-Match", "\"rev-older\"").get(path).then().statusCode(412)
                    .header("Content-Type", "application/problem+json");
            plain().header("If-Match", "\"rev-cond\"").get(path).then().statusCode(200);
        }
        plain().get("/api/articles/Posts/none").then().statusCode(404).header("ETag", nullValue());
    }

    @Test
    void aNewRevisionChangesTheApiTag() {
        plain().header("If-None-Match", "\"rev-cond\"").get("/api/tags").then().statusCode(304);
        holder.swap(TestSnapshots.seedLike("rev-next", "changed text"));
        plain().header("If-None-Match", "\"rev-cond\"").get("/api/tags").then().statusCode(200)
                .header("ETag", "\"rev-next\"");
    }

    @Test
    void safeHeadersAreOnEveryAnswer() {
        for (String path : List.of("/Posts/ARP", "/no/such/page", "/Posts/About", "/static/css/style.css", "/atom",
                "/api/tags", "/api/articles/none", "/api/site", "/Posts/../../etc")) {
            Response r = plain().redirects().follow(false).get(path);
            r.then().header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "strict-origin-when-cross-origin")
                    .header("Content-Security-Policy", nullValue());
        }
        Response notModified = plain().header("If-None-Match", snapshot.page("About").orElseThrow().etag())
                .get("/About");
        assertTrue(notModified.statusCode() == 304 && "nosniff".equals(notModified.header("X-Content-Type-Options")));
        // answers that the API's validators and the hook proxy give before any site handler runs
        Response apiNotModified = plain().header("If-None-Match", "\"rev-cond\"").get("/api/tags");
        assertEquals(304, apiNotModified.statusCode());
        assertEquals("nosniff", apiNotModified.header("X-Content-Type-Options"));
        Response apiFailed = plain().header("If-Match", "\"rev-older\"").get("/api/tags");
        assertEquals(412, apiFailed.statusCode());
        assertEquals("strict-origin-when-cross-origin", apiFailed.header("Referrer-Policy"));
        Response hook = plain().body("{}").post("/hooks/git");
        assertEquals("nosniff", hook.header("X-Content-Type-Options"), "hook answer " + hook.statusCode());
    }
}
