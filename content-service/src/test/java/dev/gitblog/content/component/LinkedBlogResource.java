package dev.gitblog.content.component;

import dev.gitblog.content.testing.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A blog whose post {@code Posts/ARP} links to an existing page, a missing page, an existing static file, a
 * missing image, its tag page, an external URL and an anchor (for {@link LinkReportApiTest}).
 */
public class LinkedBlogResource implements QuarkusTestResourceLifecycleManager {

    static final String ARP_BODY = """
            See [about](/About), [bottom up](BottomUp) and [the missing post](Missing).

            ![a dot](/static/img/dot.png) ![a gone image](../static/img/gone.png "gone")

            More on [the web](/tags/web), at [example.org](https://example.org/x) and [below](#intro).
            Also [reference style][about-me].

            [about-me]: ../About#me

            ## intro
            """;

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("content-service-links");
            Path dir = root.resolve("blog");
            try (TestRepo r = TestRepo.init(dir)) {
                r.write(".config/index_page", "Posts\n")
                        .write("About", article("About me", "about", "Who I am."))
                        .write("Posts/BottomUp", article("Counting Bytes", "web", "[home](/) [posts](/Posts/)"))
                        .write("Posts/ARP", article("Re-engineering ARP", "web", ARP_BODY))
                        .write("static/img/dot.png", FixtureRepoResource.PNG)
                        .commit("2022-11-17T16:48:30+01:00");
            }
            return Map.of("blog.repo", dir + "#main", "blog.data", root.resolve("data").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the linked blog", e);
        }
    }

    static String article(String title, String tags, String body) {
        return "---\ntitle: " + title + "\nauthor: hannes\ntags: " + tags + "\n---\n" + body + "\n";
    }

    @Override
    public void stop() {
    }
}
