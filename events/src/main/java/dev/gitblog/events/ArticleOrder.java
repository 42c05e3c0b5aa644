package dev.gitblog.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order of listings, tag pages and feeds (SITE-FORMAT §3.3): newest {@code created} first; ties
 * broken by descending key order, where keys compare by number of segments first, then segment by
 * segment in byte order. Feed-service and the gateway both use this, so they always agree.
 */
public final class ArticleOrder {

    private ArticleOrder() {
    }

    /** Ascending key order: fewer segments first, then segment-wise unsigned byte order. */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        String[] sa = a.split("/", -1);
        String[] sb = b.split("/", -1);
        if (sa.length != sb.length) {
            return Integer.compare(sa.length, sb.length);
        }
        for (int i = 0; i < sa.length; i++) {
            int c = compareBytes(sa[i], sb[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    /** Newest first, then descending key order. */
    public static <T> Comparator<T> newestFirst(java.util.function.Function<T, Instant> created,
                                                java.util.function.Function<T, String> path) {
        Comparator<T> byCreated = Comparator.comparing(created, Comparator.reverseOrder());
        return byCreated.thenComparing(path, KEY_ORDER.reversed());
    }

    /** {@link #newestFirst} over entries. */
    public static final Comparator<Entry> ENTRIES_NEWEST_FIRST = newestFirst(Entry::created, Entry::path);

    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** Byte-order comparator for plain strings (navbar items, the tag overview). */
    public static final Comparator<String> BYTE_ORDER = ArticleOrder::compareBytes;
}
