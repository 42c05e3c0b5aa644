package dev.gitblog.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's first command: `deploy/local/run.sh` with no argument serves the bundled example blog. */
class ExampleBlogIT {

    @Test
    void runShWithoutArgumentsServesTheExampleBlogAndStopsCleanlyOnSigterm() throws Exception {
        Path work = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/example");
        SeedBlogSystemIT.deleteTree(work);
        LocalSystem system = LocalSystem.start("", work.resolve("data"), 17180, "example-secret", Duration.ofMinutes(8));
        try {
            Response index = given().get(system.gateway() + "/");
            assertEquals(200, index.statusCode(), system::logTails);
            String html = index.asString();
            assertTrue(html.contains("<a class=\"navbar-brand\" href=\"/Posts\">Workbench Notes</a>"), html);
            // both sections in the navbar, newest post first, the redirect not listed
            assertTrue(html.contains("<li><a href=\"/About\"><span>About</span></a></li><li><a href=\"/Guides\"><span>Guides</span></a></li><li><a href=\"/Posts\"><span>Posts</span></a></li>"), html);
            assertTrue(html.indexOf("/Posts/git-as-cms") > 0 && html.indexOf("/Posts/render-quirks") < html.indexOf("/Posts/atom-ids"), html);
            assertTrue(!html.contains("href=\"/Posts/About\""), html);
            // the stylesheet and highlight.js the skeleton references are there
            assertEquals(200, given().get(system.gateway() + "/static/css/style.css").statusCode());
            assertTrue(given().get(system.gateway() + "/static/js/highlight.pack.js").asString().contains("initHighlightingOnLoad"));
            assertEquals(301, given().redirects().follow(false).get(system.gateway() + "/Posts/About").statusCode());
        } finally {
            system.close(); // SIGTERM
        }
        assertEquals(java.util.List.of(), system.leftovers(), "no JVM left behind after SIGTERM");
    }
}
