package dev.gitblog.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ArticleOrder}'s comparators and {@link CanopyTime#display} compute in place what their definitions
 * say with splits, encodings and formatters; these check them against those definitions, on fixed cases and on
 * random ones (fixed seed): paths with slashes, non-ASCII, supplementary and unpaired surrogate characters.
 */
class OrderAndTimeAgreeWithTheirDefinitionsTest {

    /** The definition: fewer segments first, then segment by segment in unsigned UTF-8 byte order. */
    private static int keyOrderByDefinition(String a, String b) {
        String[] sa = a.split("/", -1);
        String[] sb = b.split("/", -1);
        if (sa.length != sb.length) {
            return Integer.compare(sa.length, sb.length);
        }
        for (int i = 0; i < sa.length; i++) {
            int c = bytesByDefinition(sa[i], sb[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int bytesByDefinition(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static final String[] PIECES = {"a", "b", "z", "A", "-", ".", "0", "é", "ß", "日本", "\uD83D\uDE00",
            "\uD800", "\uDC00", "?", "/", "/", "~", "\u007f", "\u0080", "\uFFFD", ""};

    private static String randomKey(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    @Test
    void keyOrderFixedCases() {
        List<String> keys = List.of("", "/", "a", "b", "a/b", "ab", "a/", "/a", "Posts/x", "Posts-a/x", "Posts/x/y",
                "é", "z", "\uD83D\uDE00", "\uFFFD", "\uD800", "?");
        for (String a : keys) {
            for (String b : keys) {
                assertEquals(Integer.signum(keyOrderByDefinition(a, b)), Integer.signum(ArticleOrder.KEY_ORDER.compare(a, b)),
                        a + " vs " + b);
                assertEquals(Integer.signum(bytesByDefinition(a, b)), Integer.signum(ArticleOrder.BYTE_ORDER.compare(a, b)),
                        a + " vs " + b);
            }
        }
    }

    @Test
    void keyOrderRandomCases() {
        Random r = new Random(20261128);
        for (int i = 0; i < 200_000; i++) {
            String a = randomKey(r);
            String b = r.nextInt(4) == 0 ? a + randomKey(r) : randomKey(r);
            assertEquals(Integer.signum(keyOrderByDefinition(a, b)), Integer.signum(ArticleOrder.KEY_ORDER.compare(a, b)),
                    () -> escaped(a) + " vs " + escaped(b));
            assertEquals(Integer.signum(bytesByDefinition(a, b)), Integer.signum(ArticleOrder.BYTE_ORDER.compare(a, b)),
                    () -> escaped(a) + " vs " + escaped(b));
        }
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    @Test
    void displayDateEqualsTheFormattersOverTheWholeRange() {
        DateTimeFormatter definition = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
        List<Instant> fixed = List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("2000-02-29T12:00:00Z"), Instant.parse("2016-06-11T23:59:59.999Z"),
                Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T00:00:00Z"));
        for (Instant t : fixed) {
            assertEquals(definition.format(t), CanopyTime.display(t), t.toString());
        }
        Random r = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-70_000_000_000L, 260_000_000_000L), r.nextInt(1_000_000_000));
            assertEquals(definition.format(t), CanopyTime.display(t), t.toString());
        }
    }
}
