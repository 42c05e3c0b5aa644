package dev.gitblog.content.component;

import dev.gitblog.content.testing.TestRepo;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A source whose configured branch does not exist, and no webhook secret. */
public class MissingBranchResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("content-service-fault");
            Path repo = root.resolve("blog");
            try (TestRepo r = TestRepo.init(repo)) {
                r.write("About", "---\ntitle: About\n---\nhi\n").commit("2020-01-01T00:00:00Z");
            }
            return Map.of("blog.repo", repo + "#drafts",
                    "blog.data", root.resolve("data").toString(),
                    "blog.hook-secret", "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
