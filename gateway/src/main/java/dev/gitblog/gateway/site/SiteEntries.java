package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.Entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A revision's entries sorted by what the site makes of them: the articles (newest first, {@code ArticleOrder}),
 * the redirects and the static files (both in key order). An invalid entry is not published and says why in
 * the warnings, and every published entry's own warnings follow, in key order; a draft is never published
 * and is not even named there. Configuration entries are read by {@link SiteConfig}.
 *
 * @param articles  the article entries with a parsed header, newest first
 * @param redirects path -> target
 * @param statics   path -> static file
 */
record SiteEntries(List<Entry> articles, Map<String, String> redirects, Map<String, SiteSnapshot.StaticRef> statics) {

    /** The entries of {@code entries}; invalid entries and entry warnings go to {@code warnings}. */
    static SiteEntries sort(Map<String, Entry> entries, List<String> warnings) {
        return sort(entries, warnings, new Orders());
    }

    /**
     * The entries of {@code entries}, in the orders of {@code orders} when they still hold; invalid entries and
     * entry warnings go to {@code warnings}.
     */
    static SiteEntries sort(Map<String, Entry> entries, List<String> warnings, Orders orders) {
        List<String> sortedPaths = orders.keyOrder(entries.keySet());
        List<Entry> articles = new ArrayList<>();
        Map<String, String> redirects = new TreeMap<>(ArticleOrder.KEY_ORDER);
        Map<String, SiteSnapshot.StaticRef> statics = new TreeMap<>(ArticleOrder.KEY_ORDER);
        for (String path : sortedPaths) {
            Entry e = entries.get(path);
            switch (e.kind()) {
                case ARTICLE -> {
                    if (e.article() != null) {
                        articles.add(e);
                    }
                }
                case REDIRECT -> {
                    if (e.redirect() != null && e.redirect().target() != null) {
                        redirects.put(path, e.redirect().target());
                    }
                }
                case STATIC -> statics.put(path, new SiteSnapshot.StaticRef(path, e.contentHash(),
                        e.staticAsset() == null ? "application/octet-stream" : e.staticAsset().mediaType(),
                        e.staticAsset() == null ? -1 : e.staticAsset().size(), e.updated()));
                case INVALID -> warnings.add(path + " is not published: "
                        + (e.invalid() == null ? "invalid" : e.invalid().reason()
                        + (e.invalid().line() == null ? "" : " (line " + e.invalid().line() + ")")));
                case CONFIG -> {
                }
                case DRAFT -> {
                    continue; // never published: not even its path in the site's warnings
                }
            }
            for (String w : e.warnings()) {
                warnings.add(path + ": " + w);
            }
        }
        return new SiteEntries(orders.newestFirst(articles, entries), redirects, statics);
    }

    /**
     * The two orders of a build, kept from one build to the next: the key order of the paths depends only on the
     * set of paths, and the newest-first order of the articles only on their paths and {@code created} dates. A
     * build whose paths are those of the previous build (a push that edits, without adding or deleting) takes the
     * key order as it is; one whose articles have the previous build's paths and dates takes their order too.
     */
    static final class Orders {

        /** The previous build's paths in key order, and as a set; empty before the first build. */
        private List<String> keyOrder = List.of();
        private Set<String> keySet = Set.of();
        /** The previous build's article paths newest first, and each one's {@code created}. */
        private List<String> articleOrder = List.of();
        private Map<String, Instant> articleCreated = Map.of();

        /** Paths added or removed since the previous build up to which its order is edited, not sorted anew. */
        static final int EDIT_LIMIT = 64;

        /**
         * {@code paths} in key order ({@link ArticleOrder#KEY_ORDER}). A push that adds or deletes a few paths
         * edits the previous order: the deleted ones taken out, each new one inserted where a binary search puts
         * it. The key order is total, so that is the order a full sort gives.
         */
        List<String> keyOrder(Set<String> paths) {
            List<String> added = new ArrayList<>();
            int addedCount = 0;
            for (String p : paths) {
                if (!keySet.contains(p) && ++addedCount <= EDIT_LIMIT) {
                    added.add(p);
                }
            }
            int removed = keySet.size() - (paths.size() - addedCount);
            if (addedCount == 0 && removed == 0) {
                return keyOrder;
            }
            List<String> sorted;
            if (keySet.isEmpty() || addedCount + removed > EDIT_LIMIT) {
                sorted = new ArrayList<>(paths);
                sorted.sort(ArticleOrder.KEY_ORDER);
            } else {
                sorted = new ArrayList<>(keyOrder.size() + added.size());
                for (String p : keyOrder) {
                    if (paths.contains(p)) {
                        sorted.add(p);
                    }
                }
                for (String p : added) {
                    int at = Collections.binarySearch(sorted, p, ArticleOrder.KEY_ORDER);
                    sorted.add(-at - 1, p);
                }
            }
            keyOrder = List.copyOf(sorted);
            keySet = new HashSet<>(paths);
            return keyOrder;
        }

        /**
         * {@code articles} newest first ({@link ArticleOrder#ENTRIES_NEWEST_FIRST}).
         *
         * @param entries every entry by path: the articles' own objects, for an order taken as it was
         */
        List<Entry> newestFirst(List<Entry> articles, Map<String, Entry> entries) {
            boolean same = articles.size() == articleCreated.size();
            for (int i = 0; same && i < articles.size(); i++) {
                Entry e = articles.get(i);
                same = e.created() != null && e.created().equals(articleCreated.get(e.path()));
            }
            if (same) {
                List<Entry> ordered = new ArrayList<>(articleOrder.size());
                for (String path : articleOrder) {
                    ordered.add(entries.get(path));
                }
                return ordered;
            }
            List<Entry> sorted = new ArrayList<>(articles);
            sorted.sort(ArticleOrder.ENTRIES_NEWEST_FIRST);
            List<String> order = new ArrayList<>(sorted.size());
            Map<String, Instant> created = new HashMap<>(sorted.size() * 2);
            for (Entry e : sorted) {
                order.add(e.path());
                created.put(e.path(), e.created());
            }
            articleOrder = List.copyOf(order);
            articleCreated = created;
            return sorted;
        }
    }

    /**
     * The navbar (docs/DECISIONS.md Decision 5): the non-blank lines of {@code .config/header}, stripped; without
     * it the first path segments of the articles and redirects, in byte order, once each.
     */
    List<String> navItems(String header) {
        if (header != null) {
            List<String> nav = new ArrayList<>();
            for (String line : header.split("\r?\n")) {
                if (!line.isBlank()) {
                    nav.add(line.strip());
                }
            }
            return nav;
        }
        TreeSet<String> items = new TreeSet<>(ArticleOrder.BYTE_ORDER);
        for (Entry e : articles) {
            items.add(firstSegment(e.path()));
        }
        for (String path : redirects.keySet()) {
            items.add(firstSegment(path));
        }
        return new ArrayList<>(items);
    }

    private static String firstSegment(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }
}
