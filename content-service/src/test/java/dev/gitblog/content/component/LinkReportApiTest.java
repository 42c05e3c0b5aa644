package dev.gitblog.content.component;

import dev.gitblog.content.ingest.IngestService;
import dev.gitblog.content.testing.TestRepo;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The link report on {@code /api/entries}: an article's local links and images that point to nothing of the
 * revision are warnings on it, with the target as written and as resolved; nothing else is.
 */
@QuarkusTest
@WithTestResource(LinkedBlogResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkReportApiTest {

    static final String MISSING_PAGE = "the link Missing (/Posts/Missing) points to no page, static file or redirect";
    static final String MISSING_IMAGE = "the link ../static/img/gone.png (/static/img/gone.png) points to no page, "
            + "static file or redirect";
    static final String LINK_WARNINGS = ".warnings.findAll { it.startsWith('the link ') }";

    @Inject
    IngestService ingest;

    @ConfigProperty(name = "blog.repo")
    String blogRepo;

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.onSpinWait();
        }
    }

    private static String revision() {
        return given().get("/api/revision").jsonPath().getString("revision");
    }

    @Test
    @Order(1)
    void onlyTheMissingPageAndTheMissingImageAreReported() {
        await("the first revision", () -> revision() != null);
        given().get("/api/entries").then().statusCode(200)
                .body("find { it.path == 'Posts/ARP' }" + LINK_WARNINGS, equalTo(List.of(MISSING_PAGE, MISSING_IMAGE)))
                .body("findAll { it.path != 'Posts/ARP' }.warnings.flatten().findAll { it.startsWith('the link ') }",
                        empty());
        given().get("/api/entries/Posts/ARP").then().statusCode(200)
                .body(LINK_WARNINGS.substring(1), equalTo(List.of(MISSING_PAGE, MISSING_IMAGE)));
        given().get("/api/entries?kind=ARTICLE").then().statusCode(200)
                .body("find { it.path == 'Posts/ARP' }" + LINK_WARNINGS, equalTo(List.of(MISSING_PAGE, MISSING_IMAGE)));
        given().get("/api/entries/Posts/BottomUp").then().statusCode(200)
                .body(LINK_WARNINGS.substring(1), empty());
    }

    @Test
    @Order(2)
    void aNewRevisionWithTheMissingPageReportsOnlyTheImage() throws Exception {
        String before = revision();
        Path dir = Path.of(blogRepo.substring(0, blogRepo.lastIndexOf('#')));
        try (TestRepo r = TestRepo.open(dir)) {
            r.write("Posts/Missing", LinkedBlogResource.article("Found", "web", "Now here."))
                    .commit("2022-11-18T08:00:00+01:00");
        }
        ingest.requestSync();
        await("the second revision", () -> !before.equals(revision()));
        given().get("/api/entries").then().statusCode(200)
                .body("find { it.path == 'Posts/ARP' }" + LINK_WARNINGS, equalTo(List.of(MISSING_IMAGE)));
    }
}
