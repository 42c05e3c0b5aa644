package dev.gitblog.render.render;

import dev.gitblog.events.Fragment.Heading;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentFactsTest {

    private static DocumentFacts facts(String markdown) {
        return DocumentFacts.of(Parser.builder().build().parse(markdown));
    }

    @Test
    void localLinksComeFromMarkdownAndRawHtmlInOrderWithoutDuplicates() {
        DocumentFacts f = facts("[a](/About) [b](relative/page) [c](https://x.y) [d](mailto:m@x) [e](#top) "
                + "[f](//cdn.example/x) [a again](/About)\n\n<a href=\"/tags/x\">t</a> <img src='/static/i.png'>\n\n"
                + "![pic](../up.png) ![ext](http://x.y/i.png)\n");
        assertEquals(List.of("/About", "relative/page", "/tags/x"), f.localLinks());
        assertEquals(List.of("/static/i.png", "../up.png"), f.localImages());
    }

    @Test
    void headingsCarryLevelAndPlainText() {
        DocumentFacts f = facts("# One *two*\n\nSetext `code`\n---\n\n> ### quoted\n");
        assertEquals(List.of(new Heading(1, "One two"), new Heading(2, "Setext code"), new Heading(3, "quoted")),
                f.headings());
    }

    @Test
    void excerptIsParagraphTextWithoutCodeOrHeadings() {
        DocumentFacts f = facts("# Heading\n\nFirst *para*\nline two.\n\n```\ncode\n```\n\n- item\n");
        assertEquals("First para line two. item", f.excerpt());
    }

    @Test
    void longExcerptIsCutAtAWordBoundary() {
        String word = "lorem ";
        DocumentFacts f = facts(word.repeat(200));
        assertTrue(f.excerpt().endsWith("lorem…"), f.excerpt());
        assertTrue(f.excerpt().length() <= DocumentFacts.EXCERPT_CHARS + 1, () -> "length " + f.excerpt().length());
        assertTrue(f.excerpt().length() > DocumentFacts.EXCERPT_CHARS - word.length(), () -> "length " + f.excerpt().length());
    }

    @Test
    void localnessRules() {
        assertTrue(DocumentFacts.isLocal("/Posts/ARP"));
        assertTrue(DocumentFacts.isLocal("Posts/ARP"));
        assertFalse(DocumentFacts.isLocal("HTTP://x"));
        assertFalse(DocumentFacts.isLocal(""));
        assertFalse(DocumentFacts.isLocal("#frag"));
    }
}
