package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarkupTextTest {

    @Test
    void escapeTextEscapesTheFourCharactersAndNothingElse() {
        assertEquals("a &amp; b &lt;i&gt; &quot;q&quot; Nhan's Blog",
                MarkupText.escapeText("a & b <i> \"q\" Nhan's Blog"));
        assertEquals("&amp;amp;", MarkupText.escapeText("&amp;"), "an entity is text like any other");
        assertEquals("tab\tlf\ncr\r\u0001\u007f é 日本 \uD83D\uDE00",
                MarkupText.escapeText("tab\tlf\ncr\r\u0001\u007f é 日本 \uD83D\uDE00"),
                "controls and non-ASCII stay");
        assertEquals("", MarkupText.escapeText(""));
        assertThrows(NullPointerException.class, () -> MarkupText.escapeText(null));
    }

    @Test
    void escapeHtmlAlsoWritesControlCharactersAsReferences() {
        assertEquals("a &amp; b &lt;i&gt; &quot;q&quot; Nhan's Blog",
                MarkupText.escapeHtml("a & b <i> \"q\" Nhan's Blog"));
        assertEquals("&#0;&#1;&#8;&#11;&#12;&#27;&#31;&#127;",
                MarkupText.escapeHtml("\u0000\u0001\b\u000b\f\u001b\u001f\u007f"));
        assertEquals("tab\tlf\ncr\r", MarkupText.escapeHtml("tab\tlf\ncr\r"), "TAB, LF and CR stay");
        assertEquals("\u0080 é \uFFFE \uD800", MarkupText.escapeHtml("\u0080 é \uFFFE \uD800"),
                "only C0 controls and DEL are references");
        assertEquals("", MarkupText.escapeHtml(null), "a missing value prints nothing");
    }

    @Test
    void unchangedTextIsReturnedAsItIs() {
        String plain = "Nothing to escape here, or 'here'.";
        assertSame(plain, MarkupText.escapeText(plain));
        assertSame(plain, MarkupText.escapeHtml(plain));
        assertSame(plain, MarkupText.cleanXml(plain));
    }

    @Test
    void cleanXmlReplacesWhatXmlForbidsAndKeepsPairs() {
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\tlf\ncr\r", MarkupText.cleanXml("a\u0000b\u0001c\u001fd\tlf\ncr\r"));
        assertEquals("\u007f\u0080 é", MarkupText.cleanXml("\u007f\u0080 é"), "DEL and C1 are allowed in XML 1.0");
        assertEquals("\uFFFD\uFFFD", MarkupText.cleanXml("\uFFFE\uFFFF"));
        assertEquals("x\uD83D\uDE00y", MarkupText.cleanXml("x\uD83D\uDE00y"), "a surrogate pair stays");
        assertEquals("x\uFFFDy", MarkupText.cleanXml("x\uD83Dy"), "a high surrogate alone");
        assertEquals("x\uFFFDy", MarkupText.cleanXml("x\uDE00y"), "a low surrogate alone");
        assertEquals("x\uFFFD", MarkupText.cleanXml("x\uD83D"), "a high surrogate at the end");
        assertEquals("\uFFFD\uD83D\uDE00", MarkupText.cleanXml("\uDE00\uD83D\uDE00"), "low then a pair");
        assertNull(MarkupText.cleanXml(null));
    }

    @Test
    void aFeedCleansThenEscapes() {
        assertEquals("&lt;b&gt;\uFFFD&amp;\uFFFD&quot;",
                MarkupText.escapeText(MarkupText.cleanXml("<b>\u0002&\uD800\"")));
    }
}
