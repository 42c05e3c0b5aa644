package dev.gitblog.gateway.site;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/**
 * Listings cut into pages of {@code .config/page_size} articles: page 1 at the listing's own path, page
 * {@code n} at {@code <path>/page/<n>} (for the index page, the pages of the listing it shows).
 */
public final class Pagination {

    private Pagination() {
    }

    /** Prev and next links of one page (site paths with the leading slash, null at either end). */
    @TemplateData
    public record Pager(String prev, String next) {
    }

    /** One page of a listing: its key, its members and its pager (null when there is one page only). */
    record Slice<T>(String key, int number, List<T> members, Pager pager) {
    }

    /** The key of page {@code n} of the listing at {@code key}. */
    static String pageKey(String key, int n) {
        return n == 1 ? key : key + "/page/" + n;
    }

    /** The pages of {@code members} (one page when {@code size} is 0 or they fit). */
    static <T> List<Slice<T>> slices(String key, List<T> members, int size) {
        if (size < 1 || members.size() <= size) {
            return List.of(new Slice<>(key, 1, members, null));
        }
        int count = (members.size() + size - 1) / size;
        List<Slice<T>> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            String prev = n == 1 ? null : "/" + SiteUrls.path(pageKey(key, n - 1));
            String next = n == count ? null : "/" + SiteUrls.path(pageKey(key, n + 1));
            out.add(new Slice<>(pageKey(key, n), n,
                    List.copyOf(members.subList((n - 1) * size, Math.min(members.size(), n * size))),
                    new Pager(prev, next)));
        }
        return out;
    }
}
