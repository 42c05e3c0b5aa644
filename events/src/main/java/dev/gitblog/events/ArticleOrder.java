package dev.gitblog.events;

import java.time.Instant;
import java.util.Comparator;

/**
 * The order of listings, tag pages and feeds (docs/FORMAT.md §3.3): newest {@code created} first; ties
 * broken by descending key order, where keys compare by number of segments first, then segment by
 * segment in byte order. Feed-service and the gateway both use this, so they always agree.
 */
public final class ArticleOrder {

    private ArticleOrder() {
    }

    /**
     * Ascending key order: fewer segments first, then segment-wise unsigned byte order of the UTF-8 encoding.
     * Compares code points in place (UTF-8 byte order is code point order; an unpaired surrogate counts as the
     * {@code ?} the encoder writes for it): sorting 5,000 paths used to split and encode both keys on every
     * comparison.
     */
    public static final Comparator<String> KEY_ORDER = ArticleOrder::compareKeys;

    /** Newest first, then descending key order. */
    public static <T> Comparator<T> newestFirst(java.util.function.Function<T, Instant> created,
                                                java.util.function.Function<T, String> path) {
        Comparator<T> byCreated = Comparator.comparing(created, Comparator.reverseOrder());
        return byCreated.thenComparing(path, KEY_ORDER.reversed());
    }

    /** {@link #newestFirst} over entries. */
    public static final Comparator<Entry> ENTRIES_NEWEST_FIRST = newestFirst(Entry::created, Entry::path);

    static int compareKeys(String a, String b) {
        int segmentsA = segments(a);
        int segmentsB = segments(b);
        if (segmentsA != segmentsB) {
            return Integer.compare(segmentsA, segmentsB);
        }
        int startA = 0;
        int startB = 0;
        while (true) {
            int endA = segmentEnd(a, startA);
            int endB = segmentEnd(b, startB);
            int c = compareBytes(a, startA, endA, b, startB, endB);
            if (c != 0 || endA == a.length()) {
                return c; // the same number of segments: both keys end together
            }
            startA = endA + 1;
            startB = endB + 1;
        }
    }

    /** Unsigned byte order of the UTF-8 encodings, without encoding. */
    static int compareBytes(String a, String b) {
        return compareBytes(a, 0, a.length(), b, 0, b.length());
    }

    /**
     * {@link #compareBytes(String, String)} of {@code a[fromA, toA)} and {@code b[fromB, toB)}; a range never
     * ends inside a surrogate pair (it ends at a {@code /} or at the end of its string).
     */
    private static int compareBytes(String a, int fromA, int toA, String b, int fromB, int toB) {
        int i = fromA;
        int j = fromB;
        while (i < toA && j < toB) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            int c = ca == cb ? 0 : Integer.compare(encoded(ca), encoded(cb));
            if (c != 0) {
                return c;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < toA, j < toB);
    }

    private static int segmentEnd(String key, int from) {
        int slash = key.indexOf('/', from);
        return slash < 0 ? key.length() : slash;
    }

    private static int segments(String key) {
        int n = 1;
        for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
            n++;
        }
        return n;
    }

    /** The code point UTF-8 encodes for {@code codePoint}: an unpaired surrogate becomes {@code ?}. */
    private static int encoded(int codePoint) {
        return Character.isSurrogate((char) codePoint) && codePoint < Character.MIN_SUPPLEMENTARY_CODE_POINT
                ? '?' : codePoint;
    }

    /** Byte-order comparator for plain strings (navbar items, the tag overview). */
    public static final Comparator<String> BYTE_ORDER = ArticleOrder::compareBytes;
}
