package dev.gitblog.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gitblog.client.ApiClient;
import dev.gitblog.client.ApiException;
import dev.gitblog.client.ApiResponse;
import dev.gitblog.client.api.SiteApi;
import dev.gitblog.client.model.ArticleDetail;
import dev.gitblog.client.model.ArticleSummary;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client that openapi-generator made from the gateway's OpenAPI document (system-tests' POM; no
 * hand-written client) works against the running system on the example blog: it lists the articles, pages through
 * them one at a time, reads one, and gets the problem of a missing one. The document it was generated from is the
 * one the running gateway serves.
 */
class GatewayClientIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theGeneratedClientListsPagesAndReadsArticles() throws Exception {
        Path work = LocalSystem.PROJECT_ROOT.resolve("system-tests/target/it/gateway-client");
        SeedBlogSystemIT.deleteTree(work);
        LocalSystem system = LocalSystem.start("", work.resolve("data"), 19680, "client-secret", Duration.ofMinutes(8));
        try {
            HttpResponse<String> served = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(system.management("gateway") + "/q/openapi?format=json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode(), system::logTails);
            assertEquals(OpenApiLintTest.stored("gateway"), JSON.readTree(served.body()),
                    "the client was generated from the document the running gateway serves");

            ApiClient client = new ApiClient();
            client.updateBaseUri(system.gateway());
            SiteApi api = new SiteApi(client);

            // parameters in the order of the document: page, section, size, tag
            List<ArticleSummary> all = api.listArticles(null, null, null, null);
            assertTrue(all.size() >= 3, "the example blog has several articles: " + all);

            List<String> paged = new ArrayList<>();
            for (int page = 1; ; page++) {
                ApiResponse<List<ArticleSummary>> one = api.listArticlesWithHttpInfo(page, null, 1, null);
                assertEquals(String.valueOf(all.size()), one.getHeaders().get("x-total-count").get(0));
                one.getData().forEach(a -> paged.add(a.getPath()));
                boolean next = one.getHeaders().getOrDefault("link", List.of()).stream()
                        .anyMatch(l -> l.contains("rel=\"next\""));
                if (!next) {
                    break;
                }
                assertTrue(page < 100, "paging ends");
            }
            assertEquals(all.stream().map(ArticleSummary::getPath).toList(), paged,
                    "one at a time, the pages hold every article in the listing's order");

            ArticleSummary first = all.get(0);
            ArticleDetail article = api.getArticle(first.getPath());
            assertEquals(first.getTitle(), article.getTitle());
            assertNotNull(article.getBodyHtml());
            assertFalse(article.getBodyHtml().isBlank());

            ApiException missing = assertThrows(ApiException.class, () -> api.getArticle("Posts/no-such-post"));
            assertEquals(404, missing.getCode());
            JsonNode problem = JSON.readTree(missing.getResponseBody());
            assertEquals(404, problem.path("status").asInt(), missing.getResponseBody());
        } finally {
            system.close();
        }
        assertEquals(List.of(), system.leftovers(), "no JVM left behind");
    }
}
