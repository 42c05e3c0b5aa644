package dev.gitblog.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a revision serves, computed from its entries alone: what {@link LocalLinks} looks links up in when
 * the pages themselves are not at hand (content-service). The pages are those the gateway composes
 * (docs/FORMAT.md §3, docs/FORMAT-ADDITIONS.md):
 * <ul>
 *   <li>every article (an {@code ARTICLE} entry with its header);</li>
 *   <li>the listing of every folder above an article, except {@code tags} and folders under it, and
 *       except a folder that is itself an article (the article wins); with {@code .config/page_size} its
 *       next pages {@code <folder>/page/<n>} (unless a static file or redirect has that path);</li>
 *   <li>{@code ""} (the site root) when {@code .config/index_page} (default {@code Index}) is one of those;</li>
 *   <li>{@code tags}, the page of every tag (header tags trimmed, empty ones dropped), its next pages (unless a
 *       static file or redirect has that path), and its feeds {@code atom}, {@code rss.xml}, {@code feed.json};</li>
 *   <li>the site feeds {@code atom}, {@code rss.xml}, {@code feed.json}; {@code robots.txt},
 *       {@code sitemap.xml}, and {@code sitemap-<n>.xml} when the HTML pages are more than 50,000, each unless
 *       the blog has a static file or redirect of that name.</li>
 * </ul>
 * Static files and redirects are their entries. Which of two things of the same key answers does not
 * matter here, only that something does. The gateway checks that these keys are its snapshot's
 * ({@code RevisionPagesAgreementTest}).
 */
public final class RevisionPages implements LocalLinks.Site {

    /** URLs per sitemap file (the sitemaps.org limit). */
    public static final int SITEMAP_MAX_URLS = 50_000;
    private static final List<String> SITE_FEEDS = List.of("atom", "rss.xml", "feed.json");

    private final Set<String> pages;
    private final Set<String> statics;
    private final Set<String> redirects;

    private RevisionPages(Set<String> pages, Set<String> statics, Set<String> redirects) {
        this.pages = Set.copyOf(pages);
        this.statics = Set.copyOf(statics);
        this.redirects = Set.copyOf(redirects);
    }

    /** The pages, static files and redirects of the revision made of {@code entries}. */
    public static RevisionPages of(Collection<Entry> entries) {
        Map<String, Entry> byPath = new HashMap<>();
        Set<String> statics = new HashSet<>();
        Set<String> redirects = new HashSet<>();
        List<Entry> articles = new ArrayList<>();
        for (Entry e : entries) {
            byPath.put(e.path(), e);
            switch (e.kind()) {
                case ARTICLE -> {
                    if (e.article() != null) {
                        articles.add(e);
                    }
                }
                case STATIC -> statics.add(e.path());
                case REDIRECT -> {
                    if (e.redirect() != null && e.redirect().target() != null) {
                        redirects.add(e.path());
                    }
                }
                default -> {
                }
            }
        }
        int pageSize = pageSize(ConfigValues.value(byPath, "page_size"));
        String indexPage = ConfigValues.indexPage(byPath);

        Set<String> html = new HashSet<>();
        Map<String, Integer> folders = new HashMap<>();
        Map<String, Integer> tags = new HashMap<>();
        for (Entry a : articles) {
            html.add(a.path());
            int slash = a.path().indexOf('/');
            while (slash >= 0) {
                folders.merge(a.path().substring(0, slash), 1, Integer::sum);
                slash = a.path().indexOf('/', slash + 1);
            }
            for (String tag : cleanTags(a.article().tags())) {
                tags.merge(tag, 1, Integer::sum);
            }
        }
        Set<String> articlePaths = new HashSet<>(html);
        for (Map.Entry<String, Integer> folder : folders.entrySet()) {
            String key = folder.getKey();
            if (articlePaths.contains(key) || key.equals("tags") || key.startsWith("tags/")) {
                continue;
            }
            html.add(key);
            for (int n = 2; n <= pageCount(folder.getValue(), pageSize); n++) {
                String next = key + "/page/" + n;
                if (!statics.contains(next) && !redirects.contains(next)) {
                    html.add(next);
                }
            }
        }
        if (html.contains(indexPage)) {
            html.add("");
        }
        html.add("tags");
        Set<String> feeds = new HashSet<>(SITE_FEEDS);
        for (Map.Entry<String, Integer> tag : tags.entrySet()) {
            String key = TagPaths.tagPage(tag.getKey());
            html.add(key);
            for (int n = 2; n <= pageCount(tag.getValue(), pageSize); n++) {
                String next = key + "/page/" + n;
                if (!statics.contains(next) && !redirects.contains(next)) {
                    html.add(next);
                }
            }
            for (String feed : SiteKeys.TAG_FEEDS) {
                feeds.add(key + "/" + feed);
            }
        }
        html.removeAll(feeds); // a feed hides the article of its name
        Set<String> pages = new HashSet<>(html);
        pages.addAll(feeds);
        List<String> rootFiles = new ArrayList<>(List.of("sitemap.xml", "robots.txt"));
        int urls = html.size() - (html.contains("") ? 1 : 0); // the index page is listed once, as the root
        if (urls > SITEMAP_MAX_URLS) {
            for (int part = 1; part <= pageCount(urls, SITEMAP_MAX_URLS); part++) {
                rootFiles.add("sitemap-" + part + ".xml");
            }
        }
        for (String name : rootFiles) {
            if (!statics.contains(name) && !redirects.contains(name)) {
                pages.add(name); // the blog's own file of that name wins
            }
        }
        return new RevisionPages(pages, statics, redirects);
    }

    /** Every page key, in no particular order. */
    public Set<String> pageKeys() {
        return pages;
    }

    @Override
    public boolean hasPage(String key) {
        return pages.contains(key);
    }

    @Override
    public boolean hasStaticFile(String key) {
        return statics.contains(key);
    }

    @Override
    public boolean hasRedirect(String key) {
        return redirects.contains(key);
    }

    /** {@code .config/page_size}: a whole number from 1, else 0 (one page). */
    static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int pageCount(int members, int size) {
        return size < 1 || members <= size ? 1 : (members + size - 1) / size;
    }

    private static List<String> cleanTags(List<String> tags) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (t != null && !t.strip().isEmpty()) {
                out.add(t.strip());
            }
        }
        return List.copyOf(out);
    }
}
