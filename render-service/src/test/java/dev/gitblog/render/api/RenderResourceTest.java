package dev.gitblog.render.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.gitblog.render.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class RenderResourceTest {

    @Test
    void previewRendersMarkdownLikeArticles() {
        given().contentType("text/markdown").body("## Title\n\n- a\n- \"b\"\n")
                .when().post("/api/render")
                .then().statusCode(200).contentType(startsWith("text/html"))
                .body(equalTo("<h2>Title</h2>\n<ul>\n<li>a\n</li>\n<li>&quot;b&quot;\n</li>\n</ul>\n"));
    }

    @Test
    void previewFlavorGfm() {
        given().contentType("text/markdown").body("~~x~~\n").queryParam("flavor", "gfm")
                .when().post("/api/render")
                .then().statusCode(200).body(equalTo("<p><del>x</del></p>\n"));
        given().contentType("text/markdown").body("~~x~~\n")
                .when().post("/api/render")
                .then().statusCode(200).body(equalTo("<p>~~x~~</p>\n"));
    }

    @Test
    void unknownFragmentIs404() {
        given().when().get("/api/fragments/Posts/Nope").then().statusCode(404);
    }

    @Test
    void healthMetricsAndOpenApiAreServedOnTheManagementPortOnly() {
        management().when().get("/q/health/live").then().statusCode(200);
        management().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("render.fragments caught up"));
        management().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/render"));
        given().contentType("text/markdown").body("x").when().post("/api/render").then().statusCode(200);
        management().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("render_duration_seconds_count{source=\"preview\""));
        for (String path : new String[] {"/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            given().when().get(path).then().statusCode(404);
        }
    }
}
