package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        List<String> sortedPaths = new ArrayList<>(entries.keySet());
        sortedPaths.sort(ArticleOrder.KEY_ORDER);
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
        articles.sort(ArticleOrder.ENTRIES_NEWEST_FIRST);
        return new SiteEntries(articles, redirects, statics);
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
