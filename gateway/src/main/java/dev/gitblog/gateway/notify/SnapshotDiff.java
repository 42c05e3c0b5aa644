package dev.gitblog.gateway.notify;

import dev.gitblog.gateway.notify.ChangeEvent.ChangedPath;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteUrls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The {@link ChangeEvent} between two snapshots: their path sets compared. A page changed when its ETag
 * (its bytes) differs, a static file when its blob hash does, a redirect when its target does; a path served
 * before and not now is removed. Feeds are recognised by their media type. Paths come in byte order, each
 * with its absolute URL ({@link SiteUrls}; a snapshot without site info gives root-relative URLs).
 */
public final class SnapshotDiff {

    /** At most this many changed (and as many removed) paths are listed; beyond it the event says truncated. */
    public static final int DEFAULT_MAX_PATHS = 1000;

    private SnapshotDiff() {
    }

    public static ChangeEvent between(SiteSnapshot previous, SiteSnapshot next, Instant publishedAt, int maxPaths) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        TreeSet<String> changed = new TreeSet<>();
        TreeSet<String> removed = new TreeSet<>();
        TreeSet<String> feeds = new TreeSet<>();
        compare(previous.pages(), next.pages(), (a, b) -> a.etag().equals(b.etag()), changed, removed);
        compare(previous.statics(), next.statics(), (a, b) -> Objects.equals(a.hash(), b.hash()), changed, removed);
        compare(previous.redirects(), next.redirects(), String::equals, changed, removed);
        // a path that moved from one kind to another (a page became a redirect) is changed, not removed
        removed.removeIf(p -> next.pages().containsKey(p) || next.statics().containsKey(p) || next.redirects().containsKey(p));
        for (String p : changed) {
            Page page = next.pages().get(p);
            if (page != null && isFeed(page.contentType())) {
                feeds.add(p);
            }
        }
        String root = next.site() == null ? null : next.site().root();
        boolean truncated = changed.size() > maxPaths || removed.size() > maxPaths;
        return new ChangeEvent(next.revision(), previous.revision(), publishedAt, paths(root, changed, maxPaths),
                paths(root, removed, maxPaths), paths(root, feeds, maxPaths), truncated);
    }

    static boolean isFeed(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("application/atom+xml") || t.startsWith("application/rss+xml")
                || t.startsWith("application/feed+json");
    }

    private static <V> void compare(Map<String, V> before, Map<String, V> after, BiPredicate<V, V> same,
                                    TreeSet<String> changed, TreeSet<String> removed) {
        for (Map.Entry<String, V> e : after.entrySet()) {
            V old = before.get(e.getKey());
            if (old == null || !same.test(old, e.getValue())) {
                changed.add(e.getKey());
            }
        }
        for (String key : before.keySet()) {
            if (!after.containsKey(key)) {
                removed.add(key);
            }
        }
    }

    private static List<ChangedPath> paths(String root, TreeSet<String> keys, int max) {
        List<ChangedPath> out = new ArrayList<>(Math.min(keys.size(), max));
        for (String key : keys) {
            if (out.size() == max) {
                break;
            }
            out.add(new ChangedPath("/" + key, root == null ? "/" + SiteUrls.path(key) : SiteUrls.of(root, key)));
        }
        return out;
    }
}
