package dev.gitblog.content.frontmatter;

import dev.gitblog.content.frontmatter.EntryClassifier.Classified;
import dev.gitblog.content.testing.SeedBlogRepository;
import dev.gitblog.events.EntryKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not posts: {@code .well-known/} and header-less files named for a media type. */
class RawFilesTest {

    private static Classified classify(String path, byte[] bytes) {
        return EntryClassifier.classify(path, bytes, EntryClassifier.COMMONMARK);
    }

    private static Classified classify(String path, String text) {
        return classify(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void robotsTxtAtTheRootIsAStaticTextFile() {
        Classified c = classify("robots.txt", "User-agent: *\nDisallow:\n");
        assertEquals(EntryKind.STATIC, c.kind());
        assertEquals("text/plain", c.staticAsset().mediaType());
        assertEquals(24, c.staticAsset().size());
    }

    @Test
    void aBinaryFaviconIsStaticNotABinaryArticle() {
        byte[] ico = {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0};
        Classified c = classify("favicon.ico", ico);
        assertEquals(EntryKind.STATIC, c.kind(), () -> String.valueOf(c.invalid()));
        assertEquals("image/x-icon", c.staticAsset().mediaType());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertEquals("image/png", classify("Posts/images/diagram.png", png).staticAsset().mediaType(),
                "wherever it is in the tree");
        assertEquals("application/manifest+json", classify("site.webmanifest", "{}").staticAsset().mediaType());
    }

    @Test
    void everythingUnderWellKnownIsStaticWhateverItsBytes() {
        assertTrue(EntryClassifier.isStatic(".well-known/security.txt"));
        assertTrue(EntryClassifier.isStatic(".well-known/acme-challenge/Zm9vYmFy"));
        assertFalse(EntryClassifier.isStatic(".well-known"), "the folder name alone is a file of its own");
        assertFalse(EntryClassifier.isStatic("Posts/.well-known/x"), "only the top-level folder");
        Classified c = classify(".well-known/webfinger", "---\ntitle: looks like a post\nauthor: a\n---\nbody\n");
        assertEquals(EntryKind.STATIC, c.kind());
        assertEquals(MediaTypes.DEFAULT, c.staticAsset().mediaType());
    }

    @Test
    void aFileWithAValidHeaderStaysAnArticleWhateverItsName() {
        assertEquals(EntryKind.ARTICLE, classify("Posts/notes.txt", "---\ntitle: T\nauthor: a\n---\nbody\n").kind());
        assertEquals(EntryKind.REDIRECT, classify("old.json", "redirect: /Posts/new\n").kind());
    }

    @Test
    void markupAndNamesWithoutAnExtensionStayFailedArticles() {
        for (String path : List.of("README.md", "notes.markdown", "page.html", "Posts/x.htm", "Posts/x.shtml",
                "Posts/x.xhtml", "LICENSE", "Posts/draft", "Posts/strange.unknownext")) {
            Classified c = classify(path, "No header here.\n");
            assertEquals(EntryKind.INVALID, c.kind(), path);
            assertNotNull(c.invalid().reason());
        }
    }

    /** The rule changes no article or redirect of the example blog. */
    @Test
    void changesNoArticleOfTheExampleBlog() throws IOException {
        assertTrue(classifiedAsBefore(exampleBlog()) >= 5, "the example blog was read");
    }

    /** Nor of the seed fixture, when it is beside the checkout. */
    @Test
    @EnabledIf(value = "dev.gitblog.content.testing.SeedBlogRepository#present",
            disabledReason = "the seed fixture (shared/fixtures/seed-blog) is not beside this checkout")
    void changesNoArticleOfTheSeedFixture() throws IOException {
        assertTrue(classifiedAsBefore(SeedBlogRepository.fixtureDir().resolve("content")) >= 6,
                "the seed fixture was read");
    }

    /** Classifies every file under {@code root} but static/ and .config/; each must stay an article or redirect. */
    private static int classifiedAsBefore(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(Files::isRegularFile).toList();
        }
        int files = 0;
        for (Path file : all) {
            String path = root.relativize(file).toString().replace('\\', '/');
            if (path.startsWith("static/") || path.startsWith(".config/")) {
                continue;
            }
            files++;
            Classified c = classify(path, Files.readAllBytes(file));
            assertTrue(c.kind() == EntryKind.ARTICLE || c.kind() == EntryKind.REDIRECT,
                    () -> root.getFileName() + ": " + path + " became " + c.kind());
        }
        return files;
    }

    private static Path exampleBlog() {
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples/blog");
            tried.add(candidate);
            if (Files.isDirectory(candidate.resolve(".config"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/blog not found: " + tried);
    }
}
