package dev.gitblog.render.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input finishes and never throws. The time bounds are hang guards (generous, for a slow shared
 * machine), not performance claims; each test also checks what came out.
 */
class PathologicalInputTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    /** The service defaults, with a time limit that a slow CI machine cannot hit by accident. */
    private static final FragmentRenderer RENDERER =
            new FragmentRenderer(RenderSettings.defaults().withTimeout(Duration.ofSeconds(90)));

    @AfterAll
    static void close() {
        RENDERER.close();
    }

    private static RenderedMarkdown render(String markdown) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> RENDERER.render(markdown, null, Flavor.COMMONMARK));
    }

    @Test
    void tenMegabytePostRendersOrFailsCleanly() {
        String paragraph = "Some *emphasis* and a [link](/Posts/ARP) in a longer line of ordinary prose text.\n\n";
        String post = paragraph.repeat(10_000_000 / paragraph.length());
        assertTrue(post.length() > 9_900_000);
        RenderedMarkdown r = render(post);
        // input is under max-bytes (10 MiB); its HTML (~12 MB) is over max-html-bytes: an error fragment
        assertNotNull(r.error());
        assertTrue(r.error().contains("bytes of HTML, over the limit"), r.error());
        assertTrue(r.bodyHtml().startsWith("<div class=\"render-error\">"), r.bodyHtml());
    }

    @Test
    void tenMegabytePostRendersWhenTheOutputLimitAllowsIt() {
        RenderSettings roomy = RenderSettings.defaults().withTimeout(Duration.ofSeconds(90))
                .withLimits(10L << 20, 64L << 20, 10_000);
        try (FragmentRenderer big = new FragmentRenderer(roomy)) {
            String paragraph = "plain words & more words\n\n";
            String post = paragraph.repeat(10_000_000 / paragraph.length());
            RenderedMarkdown r = assertTimeoutPreemptively(HANG_GUARD, () -> big.render(post, null, Flavor.COMMONMARK));
            assertNull(r.error());
            assertEquals(post.length() / paragraph.length(), count(r.bodyHtml(), "<p>plain words &amp; more words</p>\n"));
        }
    }

    @Test
    void inputOverMaxBytesIsRefusedWithoutRendering() {
        String post = "x".repeat((10 << 20) + 1);
        RenderedMarkdown r = render(post);
        assertTrue(r.error().contains("over the limit of " + (10 << 20) + " bytes"), r.error());
    }

    @Test
    void tenThousandNestedBlockQuotes() {
        RenderedMarkdown r = render("> ".repeat(10_000) + "deep\n");
        assertNull(r.error());
        assertTrue(r.bodyHtml().startsWith("<blockquote>\n<blockquote>\n"));
        assertTrue(r.bodyHtml().contains("deep</p>"));
        assertTrue(count(r.bodyHtml(), "<blockquote>") >= 9_000, "nesting degraded only at the configured limit");
    }

    @Test
    void tenThousandNestedLists() {
        RenderedMarkdown r = render("- ".repeat(10_000) + "deep\n");
        assertNull(r.error());
        assertTrue(r.bodyHtml().startsWith("<ul>\n<li>\n<ul>\n"), r.bodyHtml().substring(0, 40));
        assertTrue(r.bodyHtml().contains("deep"));
    }

    @Test
    void tenThousandNestedListsByIndentation() {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            md.append("  ".repeat(Math.min(i, 200))).append("- item ").append(i).append('\n');
        }
        RenderedMarkdown r = render(md.toString());
        assertNull(r.error());
        assertEquals(10_000, count(r.bodyHtml(), "<li>item "));
    }

    @Test
    void theLimitsCountUtf8BytesNotChars() {
        // 34 euro signs are 34 chars and 102 bytes; the HTML of 100 'é' is 200 bytes and about 110 chars
        RenderSettings small = RenderSettings.defaults().withLimits(100, 150, 10_000);
        try (FragmentRenderer limited = new FragmentRenderer(small)) {
            assertNull(limited.render("€".repeat(33), null, Flavor.COMMONMARK).error(), "99 bytes");
            assertEquals("the article is 102 bytes long, over the limit of 100 bytes",
                    limited.render("€".repeat(34), null, Flavor.COMMONMARK).error());
            assertEquals("the article is 102 bytes long, over the limit of 100 bytes",
                    limited.render("€".repeat(30), "€€€€", Flavor.COMMONMARK).error(),
                    "body and abstract together");
            assertNull(limited.render("é".repeat(50), null, Flavor.COMMONMARK).error(), "100 bytes in, 108 of HTML");
            RenderSettings tight = RenderSettings.defaults().withLimits(1000, 150, 10_000);
            try (FragmentRenderer htmlLimited = new FragmentRenderer(tight)) {
                String error = htmlLimited.render("é".repeat(100), null, Flavor.COMMONMARK).error();
                assertEquals("the rendered article is 208 bytes of HTML, over the limit of 150 bytes", error);
            }
        }
    }

    @Test
    void nestingBeyondTheStackIsAnErrorNotACrash() {
        RenderSettings tiny = new RenderSettings(false, 10L << 20, 900_000, 1_000_000, Duration.ofSeconds(90), 256 << 10, 1);
        try (FragmentRenderer shallow = new FragmentRenderer(tiny)) {
            RenderedMarkdown r = assertTimeoutPreemptively(HANG_GUARD,
                    () -> shallow.render("> ".repeat(50_000) + "x\n", null, Flavor.COMMONMARK));
            assertEquals("the document is nested too deeply to render", r.error());
        }
    }

    @Test
    void fiftyThousandEmphasisRuns() {
        for (String md : new String[]{"a " + "*".repeat(50_000), "*a ".repeat(50_000), "**_".repeat(30_000) + "x" + "_**".repeat(30_000),
                "_".repeat(25_000) + "a" + "*".repeat(25_000), "[".repeat(50_000) + "a" + "](b)".repeat(50_000)}) {
            RenderedMarkdown r = render(md);
            assertNull(r.error());
            assertTrue(r.bodyHtml().startsWith("<p>"), r.bodyHtml().substring(0, Math.min(40, r.bodyHtml().length())));
        }
    }

    @Test
    void aLineOfFiftyThousandStarsIsAThematicBreak() {
        assertEquals("<hr />\n", render("*".repeat(50_000)).bodyHtml());
    }

    @Test
    void nulBytesBecomeReplacementCharacters() {
        RenderedMarkdown r = render("a\0b\n\n```\n\0\n```\n");
        assertNull(r.error());
        assertEquals("<p>a\uFFFDb</p>\n<pre><code>\uFFFD\n</code></pre>\n", r.bodyHtml());
    }

    @Test
    void unpairedSurrogatesAndReplacementCharactersPassThrough() {
        // input is a Java String already: invalid UTF-8 arrives as U+FFFD, broken UTF-16 as lone surrogates
        RenderedMarkdown r = render("bad \uFFFD\uFFFD and \uD800 lone\n");
        assertNull(r.error());
        assertEquals("<p>bad \uFFFD\uFFFD and \uD800 lone</p>\n", r.bodyHtml());
    }

    @Test
    void slowRenderHitsTheTimeLimit() {
        try (FragmentRenderer hasty = new FragmentRenderer(RenderSettings.defaults().withTimeout(Duration.ofMillis(1)))) {
            RenderedMarkdown r = assertTimeoutPreemptively(HANG_GUARD,
                    () -> hasty.render("**_".repeat(30_000) + "x" + "_**".repeat(30_000), null, Flavor.COMMONMARK));
            assertTrue(r.error().startsWith("rendering took longer than the limit of 1 ms"), r.error());
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
