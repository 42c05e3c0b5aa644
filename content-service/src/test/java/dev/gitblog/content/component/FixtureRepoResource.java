package dev.gitblog.content.component;

import dev.gitblog.content.testing.SeedBlogRepository;
import dev.gitblog.content.testing.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The seed-blog fixture, plus one commit with a stylesheet, an image and a broken article, as the blog source
 * of the component tests ({@code blog.repo = <dir>#main}, secret {@code s3cret}).
 */
public class FixtureRepoResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "s3cret";
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, (byte) 0xff};

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("content-service-test");
            Path repo = root.resolve("blog");
            SeedBlogRepository.create(repo);
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

    @Override
    public void stop() {
    }
}
