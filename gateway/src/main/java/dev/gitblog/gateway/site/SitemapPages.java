package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.MarkupText;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /sitemap.xml} (sitemaps.org protocol 0.9): one {@code <url>} per HTML page of the snapshot (the
 * index as the site root, articles, listings, tag pages, the tag overview), absolute from
 * {@code .config/root}, {@code lastmod} = the page's last change (an article's updated date, a listing's
 * newest member). Over {@link #MAX_URLS} URLs, {@code sitemap.xml} is a sitemap index and the URLs are in
 * {@code sitemap-1.xml}, {@code sitemap-2.xml}, ...
 */
final class SitemapPages {

    static final String NAME = "sitemap.xml";
    static final String CONTENT_TYPE = "application/xml; charset=UTF-8";
    /** The protocol's limit of URLs per file. */
    static final int MAX_URLS = 50_000;
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private SitemapPages() {
    }

    /** One page of the sitemap. */
    record Url(String loc, Instant lastmod) {
    }

    /**
     * The pages of a snapshot: every HTML page but the one at {@code indexPage}, which is listed once as
     * the site root; the root first, then in byte order of the keys.
     */
    static List<Url> urls(String root, Map<String, Page> pages, String indexPage) {
        return new Memo().urls(root, pages, indexPage);
    }

    /** File name to XML text: {@code sitemap.xml} alone, or the index and its parts. */
    static Map<String, String> files(String root, List<Url> urls) {
        return new Memo().files(root, urls);
    }

    /**
     * What the sitemap of one build takes from the previous one's, kept by the assembler from build to build: the
     * byte order of the keys (the same while the set of HTML page keys is), each key's URL (while the root is
     * the same) and each URL's {@code <url>} element (while its {@code lastmod} is the same). So a push that
     * changes a few pages only makes their elements again; the text is still written out whole. What a build
     * does not use is forgotten.
     */
    static final class Memo {

        /** The previous build's HTML page keys in byte order, and as a set. */
        private List<String> keyOrder = List.of();
        private Set<String> keySet = Set.of();
        /** The root {@link #locs} were made for. */
        private String root;
        /** Key -> its absolute URL, from the previous build. */
        private Map<String, String> locs = Map.of();
        /** URL -> its element as the previous build wrote it, with that build's {@code lastmod}. */
        private Map<String, UrlText> texts = Map.of();

        private record UrlText(Instant lastmod, String xml) {
        }

        /** {@link SitemapPages#urls}. */
        List<Url> urls(String root, Map<String, Page> pages, String indexPage) {
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, Page> p : pages.entrySet()) {
                String key = p.getKey();
                if (!key.isEmpty() && p.getValue().contentType().startsWith("text/html")
                        && !(key.equals(indexPage) && pages.containsKey(""))) {
                    keys.add(key);
                }
            }
            if (keys.size() != keySet.size() || !keySet.containsAll(keys)) {
                keys.sort(ArticleOrder.BYTE_ORDER);
                keyOrder = List.copyOf(keys);
                keySet = new HashSet<>(keys);
            }
            if (!root.equals(this.root)) {
                this.root = root;
                locs = Map.of();
            }
            Map<String, String> nextLocs = new HashMap<>(keyOrder.size() * 2);
            List<Url> urls = new ArrayList<>(keyOrder.size() + 1);
            Page index = pages.get("");
            if (index != null && index.contentType().startsWith("text/html")) {
                urls.add(new Url(SiteUrls.of(root, ""), index.lastModified()));
            }
            for (String key : keyOrder) {
                String loc = locs.get(key);
                if (loc == null) {
                    loc = SiteUrls.of(root, key);
                }
                nextLocs.put(key, loc);
                urls.add(new Url(loc, pages.get(key).lastModified()));
            }
            locs = nextLocs;
            return urls;
        }

        /** {@link SitemapPages#files}. */
        Map<String, String> files(String root, List<Url> urls) {
            Map<String, UrlText> nextTexts = new HashMap<>(urls.size() * 2);
            Map<String, String> files = filesOf(root, urls, u -> {
                UrlText t = texts.get(u.loc());
                if (t == null || !Objects.equals(t.lastmod(), u.lastmod())) {
                    t = new UrlText(u.lastmod(), urlElement(u));
                }
                nextTexts.put(u.loc(), t);
                return t.xml();
            });
            texts = nextTexts;
            return files;
        }
    }

    private static Map<String, String> filesOf(String root, List<Url> urls, Function<Url, String> element) {
        Map<String, String> files = new LinkedHashMap<>();
        if (urls.size() <= MAX_URLS) {
            files.put(NAME, urlset(urls, element));
            return files;
        }
        StringBuilder index = new StringBuilder(256 + urls.size() / MAX_URLS * 128);
        index.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"").append(NS).append("\">\n");
        int parts = (urls.size() + MAX_URLS - 1) / MAX_URLS;
        for (int part = 1; part <= parts; part++) {
            List<Url> slice = urls.subList((part - 1) * MAX_URLS, Math.min(urls.size(), part * MAX_URLS));
            String name = partName(part);
            files.put(name, urlset(slice, element));
            Instant newest = null;
            for (Url u : slice) {
                if (u.lastmod() != null && (newest == null || u.lastmod().isAfter(newest))) {
                    newest = u.lastmod();
                }
            }
            index.append("  <sitemap>\n    <loc>").append(MarkupText.escapeHtml(SiteUrls.of(root, name)))
                    .append("</loc>\n");
            if (newest != null) {
                index.append("    <lastmod>").append(w3c(newest)).append("</lastmod>\n");
            }
            index.append("  </sitemap>\n");
        }
        index.append("</sitemapindex>\n");
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(NAME, index.toString());
        ordered.putAll(files);
        return ordered;
    }

    static String partName(int part) {
        return "sitemap-" + part + ".xml";
    }

    private static String urlset(List<Url> urls, Function<Url, String> element) {
        StringBuilder out = new StringBuilder(128 + urls.size() * 120);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"").append(NS).append("\">\n");
        for (Url u : urls) {
            out.append(element.apply(u));
        }
        out.append("</urlset>\n");
        return out.toString();
    }

    /** One {@code <url>} element, with its line break. */
    private static String urlElement(Url u) {
        StringBuilder out = new StringBuilder(128);
        out.append("  <url>\n    <loc>").append(MarkupText.escapeHtml(u.loc())).append("</loc>\n");
        if (u.lastmod() != null) {
            out.append("    <lastmod>").append(w3c(u.lastmod())).append("</lastmod>\n");
        }
        out.append("  </url>\n");
        return out.toString();
    }

    /** W3C Datetime in UTC, to the second ({@code 2016-07-12T10:00:00Z}). */
    private static String w3c(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
