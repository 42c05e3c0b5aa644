package dev.gitblog.content.component;

import dev.gitblog.content.testing.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A small blog in the shape of the seed blog (six articles, a redirect, five config files), built here so that
 * the component tests need nothing outside the repository; then one commit with a stylesheet, an image and a
 * broken article. The blog source of the component tests ({@code blog.repo = <dir>#main}, secret
 * {@code s3cret}).
 */
public class FixtureRepoResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "s3cret";
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, (byte) 0xff};

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("content-service-test");
            Path repo = root.resolve("blog");
            buildHistory(repo);
            try (TestRepo r = TestRepo.open(repo)) {
                r.write("static/css/style.css", "body { margin: 0 }\n")
                        .write("static/img/dot.png", PNG)
                        .write("Posts/Broken", "---\ntitle: T\ntitle:oops\n---\nbody\n")
                        .commit("2022-11-18T08:00:00+01:00");
            }
            return Map.of("blog.repo", repo + "#main",
                    "blog.data", root.resolve("data").toString(),
                    "blog.hook-secret", SECRET);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the fixture repository", e);
        }
    }

    /** Creation dates as the tests expect them: BottomUp 2016-06-11T23:15:30Z, ARP 2016-07-12T15:40:22Z. */
    static void buildHistory(Path dir) throws Exception {
        try (TestRepo r = TestRepo.init(dir)) {
            r.write(".config/blog_name", "full stack engineer\n")
                    .write(".config/index_page", "Posts\n")
                    .write(".config/root", "https://blog.example.org\n")
                    .write(".config/uuid", "981361ca-e71d-4997-a52c-baeee78e4156\n")
                    .write("About", article("About me", "tags: about", "Who I am."))
                    .write("Posts/About", "redirect: /About\n")
                    .commit("2016-04-01T18:41:56+02:00");
            r.write("Posts/BadRecordMac", article("Catch the bug, walking through the stack", "tags: mirageos", "A bug."))
                    .commit("2016-05-03T14:27:09+02:00");
            r.write("Posts/BottomUp", article("Counting Bytes", "tags: mirageos", "Bytes."))
                    .commit("2016-06-12T01:15:30+02:00");
            r.write("Posts/ARP", article("Re-engineering ARP", "tags: mirageos, protocol", "## What is ARP?"))
                    .commit("2016-07-12T17:40:22+02:00");
            r.write("Posts/Conex", article("Conex, establish trust in community repositories", "tags: security",
                    "Trust."))
                    .commit("2017-02-16T16:20:31+01:00");
            r.write("Posts/ARP", article("Re-engineering ARP", "tags: mirageos, protocol", "## What is ARP?\n\nMore."))
                    .write(".config/timestamp-listings", "true\n")
                    .commit("2021-11-19T15:33:08+01:00");
            r.write("Posts/Albatross", article("Deploying reproducible unikernels with albatross", "tags: deployment",
                    "Albatross."))
                    .commit("2022-11-17T16:48:30+01:00");
        }
    }

    private static String article(String title, String tags, String body) {
        return "---\ntitle: " + title + "\nauthor: hannes\n" + tags + "\nabstract: " + title + "\n---\n" + body + "\n";
    }

    @Override
    public void stop() {
    }
}
