package dev.gitblog.content.frontmatter;

import dev.gitblog.events.EntryKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The draft keys (draft, published) and the warning for header keys nobody reads. */
class FrontMatterDraftTest {

    private static EntryClassifier.Classified classify(String header) {
        String text = "---\ntitle: T\nauthor: a\n" + header + "---\nbody\n";
        return EntryClassifier.classify("Posts/T", text.getBytes(StandardCharsets.UTF_8), EntryClassifier.COMMONMARK);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "draft: true|DRAFT", "draft: True|DRAFT", "draft: yes|DRAFT", "published: false|DRAFT",
            "published: no|DRAFT", "draft: false|ARTICLE", "published: true|ARTICLE", "draft: no|ARTICLE",
            "draft: false;published: false|DRAFT", "draft: true;published: true|DRAFT"})
    void theDraftKeysDecideTheKind(String header, EntryKind kind) {
        EntryClassifier.Classified c = classify(header.replace(";", "\n") + "\n");
        assertEquals(kind, c.kind());
        assertEquals("T", c.article().title(), "a draft keeps its article part for /api/entries");
        assertFalse(c.article().extra().containsKey("draft"));
        assertFalse(c.article().extra().containsKey("published"));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void aValueThatIsNeitherYesNorNoKeepsTheDraftPrivate() {
        EntryClassifier.Classified c = classify("draft: maybe\n");
        assertEquals(EntryKind.DRAFT, c.kind());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("line 4: `draft: maybe` is neither true nor false"),
                c.warnings().get(0));
    }

    @Test
    void anUnknownKeyIsAWarningNeverAnError() {
        EntryClassifier.Classified c = classify("date: 2020-01-01\nlayout: post\n");
        assertEquals(EntryKind.ARTICLE, c.kind());
        assertEquals(java.util.Map.of("date", "2020-01-01", "layout", "post"), c.article().extra());
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("line 4: unknown header key `date`"), c.warnings().get(0));
        assertTrue(c.warnings().get(1).startsWith("line 5: unknown header key `layout`"), c.warnings().get(1));
    }

    @Test
    void theKnownKeysGiveNoWarning() {
        EntryClassifier.Classified c = classify("author_url: https://a.example\nabstract: x\ntags: a, b\n"
                + "content: markdown\n");
        assertEquals(EntryKind.ARTICLE, c.kind());
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }
}
