package dev.gitblog.gateway.api;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.http.FakeContentService;
import dev.gitblog.gateway.http.TestSnapshots;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteSnapshot.ArticleView;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.gitblog.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(FakeContentService.class)
class SiteApiTest {

    @Inject
    SnapshotHolder holder;

    SiteSnapshot snapshot;

    @BeforeEach
    void serve() {
        snapshot = TestSnapshots.seedLike("rev-api", "x");
        holder.swap(snapshot);
        holder.markerSeen("rev-api");
    }

    @AfterEach
    void restore() {
        holder.swap(snapshot);
        holder.markerSeen("rev-api");
    }

    @Test
    void site() {
        given().get("/api/site").then().statusCode(200)
                .contentType("application/json")
                .body("blogName", equalTo("full stack engineer"))
                .body("root", equalTo("https://hannes.robur.coop"))
                .body("indexPage", equalTo("Posts"))
                .body("revision", equalTo("rev-api"))
                .body("newestRevision", equalTo("rev-api"))
                .body("upToDate", equalTo(true))
                .body("commitTime", equalTo("2022-11-17T10:00:00Z"))
                .body("navItems", contains("About", "Posts"))
                .body("counts.articles", equalTo(3))
                .body("counts.tags", equalTo(5))
                .body("counts.redirects", equalTo(1))
                .body("warnings", contains("example warning: .config/uuid is missing"));
        holder.markerSeen("rev-newer");
        given().get("/api/site").then().statusCode(200)
                .body("revision", equalTo("rev-api"))
                .body("newestRevision", equalTo("rev-newer"))
                .body("upToDate", equalTo(false));
    }

    @Test
    void articlesNewestFirstWithAllFields() {
        given().get("/api/articles").then().statusCode(200)
                .header("X-Total-Count", "3")
                .body("path", contains("Posts/Albatross", "Posts/ARP", "About"))
                .body("[1].title", equalTo("Re-engineering ARP"))
                .body("[1].author", equalTo("hannes"))
                .body("[1].authorUrl", equalTo("https://hannes.robur.coop"))
                .body("[1].abstract", equalTo("arp"))
                .body("[1].tags", contains("mirageos", "protocol"))
                .body("[1].created", equalTo("2016-07-12T15:40:22Z"))
                .body("[1].updated", equalTo("2021-11-19T12:00:00Z"))
                .body("[1].url", equalTo("/Posts/ARP"))
                .body("[1]", not(org.hamcrest.Matchers.hasKey("bodyHtml")))
                .body("[2].authorUrl", nullValue());
    }

    @Test
    void filters() {
        given().queryParam("tag", "mirageos").get("/api/articles").then().statusCode(200)
                .body("path", contains("Posts/Albatross", "Posts/ARP"));
        given().queryParam("tag", "package signing").get("/api/articles").then().statusCode(200)
                .body("path", contains("About"));
        given().queryParam("section", "Posts").get("/api/articles").then().statusCode(200)
                .body("path", contains("Posts/Albatross", "Posts/ARP"));
        given().queryParam("section", "About").get("/api/articles").then().statusCode(200)
                .body("path", contains("About"));
        given().queryParam("section", "Posts").queryParam("tag", "protocol").get("/api/articles").then()
                .statusCode(200).body("path", contains("Posts/ARP"));
        given().queryParam("tag", "nothing").get("/api/articles").then().statusCode(200)
                .header("X-Total-Count", "0").body("$", hasSize(0));
    }

    @Test
    void paging() {
        Response first = given().queryParam("size", 2).get("/api/articles");
        first.then().statusCode(200).body("path", contains("Posts/Albatross", "Posts/ARP"))
                .header("Link", containsString("rel=\"next\""))
                .header("Link", containsString("page=2"));
        given().queryParam("size", 2).queryParam("page", 2).get("/api/articles").then().statusCode(200)
                .body("path", contains("About"))
                .header("Link", containsString("rel=\"prev\""));
        given().queryParam("size", 2).queryParam("page", 9).get("/api/articles").then().statusCode(200)
                .body("$", hasSize(0));
        given().queryParam("page", 0).get("/api/articles").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("type", equalTo("about:blank")).body("detail", containsString("page"));
        given().queryParam("size", -1).get("/api/articles").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("size", "many").get("/api/articles").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void sizeIsCappedAtTheMaximum() {
        List<ArticleView> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            Instant t = Instant.parse("2020-01-01T00:00:00Z").minusSeconds(i * 60L);
            many.add(new ArticleView("Posts/p" + i, "P" + i, "a", null, null, List.of(), t, t, "/Posts/p" + i,
                    "<p>b</p>\n", null));
        }
        SiteSnapshot s = snapshot;
        holder.swap(new SiteSnapshot(s.revision(), s.commitTime(), s.site(), s.pages(), s.redirects(), s.statics(),
                s.notFound(), many, Map.of(), s.exportFiles()));
        given().queryParam("size", 1000).get("/api/articles").then().statusCode(200)
                .header("X-Total-Count", "250").body("$", hasSize(100)).body("[0].path", equalTo("Posts/p0"));
        given().get("/api/articles").then().statusCode(200).body("$", hasSize(20));
    }

    @Test
    void oneArticleWithItsBody() {
        given().get("/api/articles/Posts/ARP").then().statusCode(200)
                .body("path", equalTo("Posts/ARP"))
                .body("title", equalTo("Re-engineering ARP"))
                .body("bodyHtml", equalTo("<h2>What is ARP?</h2>\n"))
                .body("created", equalTo("2016-07-12T15:40:22Z"));
        given().get("/api/articles/About").then().statusCode(200).body("path", equalTo("About"));
        given().get("/api/articles/Posts/Nope").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("Posts/Nope"));
    }

    @Test
    void tags() {
        given().get("/api/tags").then().statusCode(200)
                .body("name", contains("background", "deployment", "mirageos", "package signing", "protocol"))
                .body("find { it.name == 'mirageos' }.count", equalTo(2))
                .body("find { it.name == 'package signing' }.url", equalTo("/tags/package signing"));
    }

    @Test
    void unknownApiPathsAndNoSnapshotAreProblems() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
        holder.swap(null);
        given().get("/api/articles").then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503));
        given().get("/api/site").then().statusCode(503);
    }

    @Test
    void readinessFollowsTheServedRevision() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'site snapshot' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'site snapshot' }.data.servedRevision", equalTo("rev-api"));
        assertEquals("rev-api", holder.servedRevision());
    }
}
