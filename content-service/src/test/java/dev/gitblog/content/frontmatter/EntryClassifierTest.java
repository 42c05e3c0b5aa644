package dev.gitblog.content.frontmatter;

import dev.gitblog.content.frontmatter.EntryClassifier.Classified;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/FORMAT.md §1.3, §1.4, §1.6, §6 check 14, with the outcomes of Decisions 2-4. */
class EntryClassifierTest {

    private static Classified classify(String path, String text) {
        return EntryClassifier.classify(path, text.getBytes(StandardCharsets.UTF_8), EntryClassifier.COMMONMARK);
    }

    private static Entry.Article article(String text) {
        Classified c = classify("Posts/x", text);
        assertEquals(EntryKind.ARTICLE, c.kind(), () -> "not an article: " + c.invalid());
        return c.article();
    }

    private static Entry.Invalid invalid(String text) {
        Classified c = classify("Posts/x", text);
        assertEquals(EntryKind.INVALID, c.kind(), () -> "expected INVALID, got " + c);
        return c.invalid();
    }

    @Test
    void seedArticleHeader() {
        Entry.Article a = article("---\ntitle: Re-engineering ARP\nauthor: hannes\ntags: mirageos, protocol\n"
                + "abstract: If you want it as you like, you've to do it yourself\n---\n## What is ARP?\n");
        assertEquals("Re-engineering ARP", a.title());
        assertEquals("hannes", a.author());
        assertEquals(List.of("mirageos", "protocol"), a.tags());
        assertEquals("If you want it as you like, you've to do it yourself", a.abstractText());
        assertEquals("## What is ARP?\n", a.markdown());
        assertEquals("commonmark", a.markdownFlavor());
    }

    @Test
    void keyIsTheTextBeforeTheFirstColonSpace() {
        // check 14: Canopy loses this title (greedy key); docs/DECISIONS.md Decision 2 keeps it
        Entry.Article a = article("---\ntitle: A: B\nauthor: x\n---\nbody");
        assertEquals("A: B", a.title());
        assertEquals("x", a.author());
        assertEquals("body", a.markdown());
    }

    @Test
    void tagsWithNothingAfterTheColonMeanNoTags() {
        Entry.Article a = article("---\ntitle: T\nauthor: a\ntags:\n---\nbody\n");
        assertEquals(List.of(), a.tags());
    }

    @Test
    void emptyTagPiecesAreDropped() {
        assertEquals(List.of("a", "b"), article("---\ntitle: T\nauthor: a\ntags: a, , b\n---\nx\n").tags());
        assertEquals(List.of("a", "b"), article("---\ntitle: T\nauthor: a\ntags: ,a,b,\n---\nx\n").tags());
        assertEquals(List.of("package signing", "UI", "UI"),
                article("---\ntitle: T\nauthor: a\ntags: package signing,UI ,\tUI\n---\nx\n").tags(),
                "inner spaces and case kept, no de-duplication, header order");
    }

    @Test
    void crlfAndBomAreAccepted() {
        Entry.Article a = article("\uFEFF---\r\ntitle: T\r\nauthor: a\r\ntags: x, y\r\n---\r\nline one\r\n");
        assertEquals("T", a.title());
        assertEquals(List.of("x", "y"), a.tags());
        assertEquals("line one\n", a.markdown());
    }

    @Test
    void blankHeaderLinesAreSkipped() {
        Entry.Article a = article("---\n\ntitle: T\n\nauthor: a\n\n---\nbody\n");
        assertEquals("T", a.title());
        assertEquals("a", a.author());
    }

    @Test
    void titleAndAuthorAreOptionalWithAWarning() {
        Classified c = classify("Posts/x", "---\ntags: a\n---\nbody\n");
        assertEquals(EntryKind.ARTICLE, c.kind());
        assertNull(c.article().title());
        assertNull(c.article().author());
        assertEquals(2, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).contains("no title"));
        assertTrue(c.warnings().get(1).contains("no author"));
    }

    @Test
    void unknownKeysAreKeptAndDuplicatesWarn() {
        Classified c = classify("Posts/x",
                "---\ntitle: T\nauthor: a\nparticipants: x, y\nauthor_url: https://a.example\ntitle: U\n---\nb\n");
        assertEquals(Map.of("participants", "x, y"), c.article().extra());
        assertEquals("https://a.example", c.article().authorUrl());
        assertEquals("T", c.article().title(), "the first occurrence wins");
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("line 6") && w.contains("duplicate")),
                c.warnings().toString());
    }

    @Test
    void contentOtherThanMarkdownIsInvalid() {
        Entry.Invalid i = invalid("---\ntitle: T\nauthor: a\ncontent: html\n---\n<p>x</p>\n");
        assertEquals(4, i.line());
        assertTrue(i.reason().contains("content: html"), i.reason());
        assertEquals("T", article("---\ntitle: T\nauthor: a\ncontent: markdown\n---\nx\n").title());
    }

    @Test
    void redirectIsAHeaderlessFileWhoseFirstLineIsRedirect() {
        Classified c = classify("Posts/About", "redirect: /About\n");
        assertEquals(EntryKind.REDIRECT, c.kind());
        assertEquals("/About", c.redirect().target());
        assertEquals("https://example.org/x", classify("a", "\n\n  redirect:   https://example.org/x  \n")
                .redirect().target());
        // docs/DECISIONS.md Decision 4: "redirect:" in prose is no redirect (Canopy would turn this into a 301 to /X)
        Entry.Invalid prose = invalid("see redirect: /X\n");
        assertEquals(1, prose.line());
        assertTrue(prose.reason().contains("`---`"), prose.reason());
        assertEquals(EntryKind.INVALID, classify("a", "redirect: About\n").kind(), "target must be /path or URL");
        assertEquals(EntryKind.INVALID, classify("a", "redirect:\n").kind());
        assertEquals(EntryKind.INVALID, classify("a", "redirect: ftp://x\n").kind());
        // "//host" and "/\\host" are other sites to a browser: no open redirect through a site path
        assertEquals(EntryKind.INVALID, classify("a", "redirect: //evil.example/\n").kind());
        assertEquals(EntryKind.INVALID, classify("a", "redirect: /\\evil.example/\n").kind());
    }

    @Test
    void anArticleTooLargeForOneRecordIsInvalidWithItsSize() {
        byte[] huge = new byte[EntryClassifier.MAX_ARTICLE_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        byte[] header = "---\ntitle: T\nauthor: a\n---\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(header, 0, huge, 0, header.length);
        Classified c = EntryClassifier.classify("Posts/Huge", huge, EntryClassifier.COMMONMARK);
        assertEquals(EntryKind.INVALID, c.kind());
        assertTrue(c.invalid().reason().contains("too large") && c.invalid().reason().contains("4 MB"),
                c.invalid().reason());
        byte[] fits = java.util.Arrays.copyOf(huge, EntryClassifier.MAX_ARTICLE_BYTES);
        assertEquals(EntryKind.ARTICLE, EntryClassifier.classify("Posts/Big", fits, EntryClassifier.COMMONMARK).kind());
    }

    @Test
    void emptyFileIsInvalid() {
        assertTrue(invalid("").reason().contains("empty"));
        assertTrue(invalid(" \n\n").reason().contains("empty"));
    }

    @Test
    void nothingAfterTheClosingDashesIsNoHeader() {
        Entry.Invalid i = invalid("---\ntitle: T\nauthor: a\n---");
        assertEquals(4, i.line());
        // with a line break after the closing dashes the body is empty but present
        assertEquals("", article("---\ntitle: T\nauthor: a\n---\n").markdown());
    }

    @Test
    void malformedHeaderLinesNameTheLine() {
        Entry.Invalid i = invalid("---\ntitle: T\ntitle:Foo\n---\nbody\n");
        assertEquals(3, i.line());
        assertTrue(i.reason().contains("line 3") && i.reason().contains("key: value")
                && i.reason().contains("title:Foo"), i.reason());
        Entry.Invalid unclosed = invalid("---\ntitle: T\nauthor: a\n");
        assertEquals(1, unclosed.line());
        assertTrue(unclosed.reason().contains("never closed"), unclosed.reason());
        assertEquals(2, invalid("---\n: value\n---\nx\n").line());
    }

    @Test
    void headerlessMarkdownIsInvalid() {
        Entry.Invalid i = invalid("# README\n\nSome text\n");
        assertEquals(1, i.line());
        assertTrue(i.reason().contains("# README"), i.reason());
        // a markdown rule does not make a header out of prose
        assertEquals(EntryKind.INVALID, classify("README.md", "Intro text\n---\nmore\n").kind());
    }

    @Test
    void canopyHeaderWithoutOpeningDashesIsAccepted() {
        // Canopy: everything before the first --- is the header when the file does not start with ---
        Entry.Article a = article("title: T\nauthor: a\n---\nbody\n");
        assertEquals("T", a.title());
        assertEquals("body\n", a.markdown());
    }

    @Test
    void laterDashesStayInTheBody() {
        assertEquals("a\n---\nb\n", article("---\ntitle: T\nauthor: a\n---\na\n---\nb\n").markdown());
    }

    @Test
    void binaryFilesAreInvalid() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Classified c = EntryClassifier.classify("Posts/image", png, "commonmark");
        assertEquals(EntryKind.INVALID, c.kind());
        assertTrue(c.invalid().reason().contains("binary"), c.invalid().reason());
        byte[] latin = new byte[200];
        new Random(1).nextBytes(latin);
        for (int i = 0; i < latin.length; i++) {
            latin[i] = (byte) (0x80 | (latin[i] & 0x7f) | 1); // no NUL, mostly invalid UTF-8
        }
        assertTrue(EntryClassifier.classify("x", latin, "commonmark").invalid().reason().contains("binary"));
    }

    @Test
    void windows1252BytesInAValidArticlePassWithAWarning() {
        // canopy-data irclogs/15-06-2016: a 0x92 apostrophe in an otherwise UTF-8 file
        byte[] head = "---\ntitle: T\nauthor: a\n---\nit".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "s fine, caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0x92;
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        Classified c = EntryClassifier.classify("irclogs/15-06-2016", bytes, "commonmark");
        assertEquals(EntryKind.ARTICLE, c.kind());
        assertEquals("it\u2019s fine, caf\u00e9\n", c.article().markdown());
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).contains("1 byte(s)"), c.warnings().get(0));
    }

    @Test
    void staticAndConfigByFirstSegment() {
        Classified css = EntryClassifier.classify("static/css/style.css", "body{}".getBytes(), "gfm");
        assertEquals(EntryKind.STATIC, css.kind());
        assertEquals(new Entry.StaticAsset("text/css", 6), css.staticAsset());
        Classified readme = classify("static/fonts/README.md", "---\ntitle: no\n---\nx\n");
        assertEquals(EntryKind.STATIC, readme.kind(), "static/ is never parsed");
        assertEquals("text/markdown", readme.staticAsset().mediaType());
        Classified uuid = classify(".config/uuid", "  981361ca-e71d-4997-a52c-baeee78e4156\n\n");
        assertEquals(EntryKind.CONFIG, uuid.kind());
        assertEquals("981361ca-e71d-4997-a52c-baeee78e4156", uuid.config().value());
        assertEquals("", classify(".config/timestamp-listings", "").config().value());
        assertEquals(EntryKind.ARTICLE, classify("staticky/x", "---\ntitle: a\n---\nb\n").kind());
        assertEquals(EntryKind.ARTICLE, classify("Static/x", "---\ntitle: a\n---\nb\n").kind(),
                "case-sensitive first segment");
    }

    @Test
    void mediaTypesByExtension() {
        assertEquals("image/png", MediaTypes.of("static/img/a.PNG"));
        assertEquals("image/jpeg", MediaTypes.of("static/grumpy-cat.jpg"));
        assertEquals("image/svg+xml", MediaTypes.of("static/img/mirage-console.svg"));
        assertEquals("application/javascript", MediaTypes.of("static/js/highlight.pack.js"));
        assertEquals("font/woff2", MediaTypes.of("static/fonts/x.woff2"));
        assertEquals("application/octet-stream", MediaTypes.of("static/LICENSE"));
        assertEquals("application/octet-stream", MediaTypes.of("static/.hidden"));
        assertEquals("application/octet-stream", MediaTypes.of("static/a.unknownext"));
        assertEquals("application/octet-stream", MediaTypes.of("static/dir.css/file"));
    }

    @Test
    void markdownFlavorFromConfig() {
        assertEquals("gfm", EntryClassifier.markdownFlavor(" gfm\n"));
        assertEquals("commonmark", EntryClassifier.markdownFlavor(null));
        assertEquals("commonmark", EntryClassifier.markdownFlavor("markdown"));
        Classified c = EntryClassifier.classify("a", "---\ntitle: T\n---\nx\n".getBytes(), "gfm");
        assertEquals("gfm", c.article().markdownFlavor());
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20240601L);
        String[] fragments = {"---", "\n", "\r\n", ": ", ":", "title", "tags", "redirect", "content", "html",
                ",", " ", "\uFEFF", "\u0000", "\u00e9", "/About", "https://x"};
        int[] kinds = new int[EntryKind.values().length];
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
            } else {
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(30);
                for (int k = 0; k < n; k++) {
                    s.append(fragments[random.nextInt(fragments.length)]);
                }
                bytes = s.toString().getBytes(StandardCharsets.UTF_8);
                if (n > 0 && random.nextBoolean()) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            Classified c = EntryClassifier.classify("Posts/fuzz" + i, bytes, "commonmark");
            assertNotNull(c.kind());
            kinds[c.kind().ordinal()]++;
            switch (c.kind()) {
                case ARTICLE -> assertNotNull(c.article().markdown());
                case REDIRECT -> assertTrue(c.redirect().target().startsWith("/")
                        || c.redirect().target().startsWith("http"));
                case INVALID -> {
                    assertNotNull(c.invalid().reason());
                    assertTrue(!c.invalid().reason().startsWith("could not be read"), c.invalid().reason());
                }
                default -> throw new AssertionError("article candidate classified as " + c.kind());
            }
        }
        assertTrue(kinds[EntryKind.ARTICLE.ordinal()] > 0 && kinds[EntryKind.INVALID.ordinal()] > 0,
                "the fuzz reaches both outcomes");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] raw(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    /** The corpus file of BadInputCorpusIT: windows-1252 bytes, 0xff 0xfe, a lone continuation, a truncated and an encoded-surrogate sequence. */
    @Test
    void invalidUtf8InAShortValidArticleIsAnArticleWithAWarning() {
        byte[] bytes = concat(utf8("---\ntitle: Windows-1252 "), raw(0x92, 's', ' ', 0xff, 0xfe),
                utf8("\nauthor: a\n---\nIt"), raw(0x92, 's', ' ', 0x80, 0xc3, '(', 0xed, 0xa0, 0x80),
                utf8(" broken.\n"));
        Classified c = EntryClassifier.classify("Posts/invalid-utf8", bytes, EntryClassifier.COMMONMARK);
        assertEquals(EntryKind.ARTICLE, c.kind(), () -> String.valueOf(c.invalid()));
        // windows-1252: 0x92 ’, 0xff ÿ, 0xfe þ, 0x80 €, 0xc3 Ã, 0xed í, 0xa0 NBSP; each invalid byte on its own
        assertEquals("Windows-1252 \u2019s \u00ff\u00fe", c.article().title());
        assertEquals("It\u2019s \u20ac\u00c3(\u00ed\u00a0\u20ac broken.\n", c.article().markdown());
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("9 byte(s) are not valid UTF-8"), c.warnings().get(0));
    }

    @Test
    void bytesWindows1252LeavesUndefinedBecomeTheReplacementCharacter() {
        byte[] bytes = concat(utf8("---\ntitle: T\n---\n"), raw(0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x9c), utf8("\n"));
        Classified c = EntryClassifier.classify("Posts/x", bytes, EntryClassifier.COMMONMARK);
        assertEquals(EntryKind.ARTICLE, c.kind(), () -> String.valueOf(c.invalid()));
        assertEquals("\ufffd\ufffd\ufffd\ufffd\ufffd\u0153\n", c.article().markdown(), "no C1 control reaches the text");
    }

    @Test
    void nulBytesInsideTextBecomeTheReplacementCharacterWithAWarning() {
        Classified c = classify("Posts/nul-bytes", "---\ntitle: NUL\u0000inside\nauthor: a\n---\nbefore\u0000after\n");
        assertEquals(EntryKind.ARTICLE, c.kind(), () -> String.valueOf(c.invalid()));
        assertEquals("NUL\ufffdinside", c.article().title());
        assertEquals("before\ufffdafter\n", c.article().markdown());
        assertEquals(1, c.warnings().size(), c.warnings().toString());
        assertTrue(c.warnings().get(0).startsWith("2 NUL byte(s) were replaced by U+FFFD"), c.warnings().get(0));
        // both at once: one warning each
        byte[] both = concat(utf8("---\ntitle: T\nauthor: a\n---\na\u0000b"), raw(0x92), utf8("\n"));
        List<String> warnings = EntryClassifier.classify("Posts/x", both, EntryClassifier.COMMONMARK).warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("1 byte(s)") && warnings.get(1).startsWith("1 NUL byte(s)"), warnings.toString());
    }

    @Test
    void trulyBinaryFilesStayInvalidWithTheirReason() {
        // a real PNG header followed by a post: the signature decides
        byte[] png = concat(raw(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a), utf8("---\ntitle: T\n---\nbody\n"));
        Entry.Invalid i = EntryClassifier.classify("Posts/photo", png, EntryClassifier.COMMONMARK).invalid();
        assertNotNull(i);
        assertTrue(i.reason().contains("binary") && i.reason().contains("PNG image"), i.reason());
        for (byte[] other : List.of(raw(0xff, 0xd8, 0xff, 0xe0, 'J', 'F', 'I', 'F'), utf8("%PDF-1.7\n%abc\n"),
                raw('P', 'K', 3, 4, 'x'), raw(0x1f, 0x8b, 8, 0), utf8("wOF2 font data"), raw(0, 1, 0, 0, 0, 0x10))) {
            Classified c = EntryClassifier.classify("Posts/x", other, EntryClassifier.COMMONMARK);
            assertEquals(EntryKind.INVALID, c.kind(), new String(other, StandardCharsets.ISO_8859_1));
            assertTrue(c.invalid().reason().startsWith("binary file"), c.invalid().reason());
        }
        // mostly NUL bytes, even with a valid header in front
        byte[] nuls = concat(utf8("---\ntitle: T\n---\n"), new byte[400]);
        Entry.Invalid n = EntryClassifier.classify("Posts/x", nuls, EntryClassifier.COMMONMARK).invalid();
        assertNotNull(n, "mostly NUL is no article");
        assertTrue(n.reason().contains("NUL or other control characters"), n.reason());
        // random bytes (no signature): controls and invalid UTF-8 together
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[0] = 'x';
        Entry.Invalid r = EntryClassifier.classify("Posts/x", random, EntryClassifier.COMMONMARK).invalid();
        assertNotNull(r, "random bytes are no article");
        assertTrue(r.reason().startsWith("binary file"), r.reason());
    }

    @Test
    void aTextFileWithALittleOfEverythingIsStillText() {
        // a long windows-1252 post: every tenth character accented
        StringBuilder s = new StringBuilder("---\ntitle: Caf\u00e9\nauthor: a\n---\n");
        for (int k = 0; k < 200; k++) {
            s.append("Voil\u00e0 un caf\u00e9 cr\u00e8me. ");
        }
        byte[] latin1 = s.toString().getBytes(java.nio.charset.Charset.forName("windows-1252"));
        Classified c = EntryClassifier.classify("Posts/fr", latin1, EntryClassifier.COMMONMARK);
        assertEquals(EntryKind.ARTICLE, c.kind(), () -> String.valueOf(c.invalid()));
        assertEquals("Caf\u00e9", c.article().title());
        assertTrue(c.article().markdown().startsWith("Voil\u00e0 un caf\u00e9 cr\u00e8me."), c.article().markdown());
        // ANSI colours (ESC) in a pasted terminal log are text
        Classified log = classify("Posts/log", "---\ntitle: Log\n---\n```\n\u001b[31mred\u001b[0m\n```\n");
        assertEquals(EntryKind.ARTICLE, log.kind());
    }
}
