package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.AuthorUrls;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.NameUuids;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.PageComposer.ArticleModel;
import dev.gitblog.gateway.site.PageComposer.Layout;
import dev.gitblog.gateway.site.PageComposer.ListingEntry;
import dev.gitblog.gateway.site.PageComposer.TagLink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Builds the {@link SiteSnapshot} of one complete revision from the assembler's state (docs/FORMAT.md §3
 * with the Decisions). Each page is described by a model (a value); a page whose model equals the one
 * of the previous build is reused with its bytes, gzip and ETag, so only what a push touched is
 * composed again (changed articles, their listings and tag pages; every page when the configuration or
 * the navbar changed, because the layout is part of every model).
 */
final class SnapshotBuilder {

    static final String HTML = "text/html; charset=UTF-8";
    static final String CONFIG_PREFIX = ".config/";
    /** Top-level export names the engine generates; an article of that name is not exported. */
    private static final Set<String> GENERATED_FILES = Set.of("index.html", "atom", "rss.xml", "feed.json", "tags");
    private static final List<String> EXPORTED_FEEDS = List.of("atom", "rss.xml", "feed.json");
    private static final int MAX_CACHED_TAG_LINKS = 10_000;

    record Stats(int recomposed, int reused, long millis) {
    }

    record Result(SiteSnapshot snapshot, int recomposed, int reused) {
    }

    private record Memo(Object model, Page page) {
    }

    /** The article model without its body, plus the body's content name: the body itself stays in the store. */
    private record ArticlePageModel(Layout layout, ArticleModel article, String bodyName, boolean headingIds,
                                    boolean toc) {
    }

    private record ListingPageModel(Layout layout, List<ListingEntry> entries, Pagination.Pager pager) {
    }

    private record TagsPageModel(Layout layout, List<TagLink> tags) {
    }

    private record FeedModel(String contentType, String bodyName) {
    }

    /** A feed document without its text, and that text stored as a page (bytes and gzip variant). */
    record StoredFeed(FeedDocument doc, ContentStore.PageFiles files) {
    }

    private final PageComposer composer;
    private final ContentStore store;
    private Map<String, Memo> memo = new HashMap<>();
    private final Map<String, TagLink> tagLinkCache = new HashMap<>();

    // per build
    private Map<String, Memo> nextMemo;
    private int recomposed;
    private int reused;

    SnapshotBuilder(PageComposer composer, ContentStore store) {
        this.composer = composer;
        this.store = store;
    }

    /**
     * @param bodies the fragments' body HTML by article path (the fragments themselves come without it)
     * @param feeds  the feeds by feed path, each text stored as a page (the documents come without it)
     */
    Result build(RevisionMarker marker, Map<String, Entry> entries, Map<String, Fragment> fragments,
                 Map<String, Content> bodies, Map<String, StoredFeed> feeds) {
        nextMemo = new HashMap<>();
        recomposed = 0;
        reused = 0;
        Instant commitTime = marker.commitTime();
        List<String> warnings = new ArrayList<>();

        // configuration (docs/FORMAT.md §1.7 defaults)
        String blogName = nonBlank(config(entries, "blog_name"), "Canopy");
        String indexPage = stripSlashes(nonBlank(config(entries, "index_page"), "Index"));
        String root = nonBlank(config(entries, "root"), "http://localhost");
        String uuid = nonBlank(config(entries, "uuid"), null);
        boolean timestamps = isConfig(entries.get(CONFIG_PREFIX + "timestamp-listings"));
        String header = config(entries, "header");
        SiteOptions options = SiteOptions.read(name -> config(entries, name), warnings);
        String feedId;
        if (uuid != null) {
            feedId = "urn:uuid:" + uuid;
        } else {
            feedId = "urn:uuid:" + NameUuids.v5(NameUuids.NAMESPACE_URL, root);
            warnings.add("missing .config/uuid: the feed id is derived from the root (" + feedId + ")");
        }

        List<String> sortedPaths = new ArrayList<>(entries.keySet());
        sortedPaths.sort(ArticleOrder.KEY_ORDER);

        // articles, newest first, and what the API shows of them
        List<Entry> articleEntries = new ArrayList<>();
        Map<String, String> redirects = new TreeMap<>(ArticleOrder.KEY_ORDER);
        Map<String, SiteSnapshot.StaticRef> statics = new TreeMap<>(ArticleOrder.KEY_ORDER);
        for (String path : sortedPaths) {
            Entry e = entries.get(path);
            switch (e.kind()) {
                case ARTICLE -> {
                    if (e.article() != null) {
                        articleEntries.add(e);
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
        articleEntries.sort(ArticleOrder.ENTRIES_NEWEST_FIRST);
        List<SiteSnapshot.ArticleView> views = new ArrayList<>(articleEntries.size());
        for (Entry e : articleEntries) {
            Fragment f = fragments.get(e.path());
            Entry.Article a = e.article();
            if (f != null && f.error() != null) {
                warnings.add(e.path() + " could not be rendered: " + f.error());
            }
            views.add(new SiteSnapshot.ArticleView(e.path(), blankToNull(a.title()), blankToNull(a.author()),
                    blankToNull(a.authorUrl()), a.abstractText(), cleanTags(a.tags()), e.created(), e.updated(),
                    "/" + e.path(), bodyOf(bodies, f, e.path()), f == null ? null : f.abstractHtml()));
        }

        // navbar (docs/DECISIONS.md Decision 5)
        List<String> nav;
        if (header != null) {
            nav = new ArrayList<>();
            for (String line : header.split("\r?\n")) {
                if (!line.isBlank()) {
                    nav.add(line.strip());
                }
            }
        } else {
            TreeSet<String> items = new TreeSet<>(ArticleOrder.BYTE_ORDER);
            for (Entry e : articleEntries) {
                items.add(firstSegment(e.path()));
            }
            for (String path : redirects.keySet()) {
                items.add(firstSegment(path));
            }
            nav = new ArrayList<>(items);
        }
        Layout base = new Layout(blogName, blogName, indexPage, nav)
                .withFooter(options.footerMarkdown() == null ? null : FooterMarkdown.render(options.footerMarkdown()));
        ListingContext lc = new ListingContext(base, timestamps, options, root, blogName, statics, redirects);

        Map<String, Page> pages = new HashMap<>();
        Map<String, Page> exportFiles = new TreeMap<>();

        // article pages (§3.2)
        Map<String, List<SiteSnapshot.ArticleView>> directories = new LinkedHashMap<>();
        Map<String, List<SiteSnapshot.ArticleView>> tagMembers = new TreeMap<>(ArticleOrder.BYTE_ORDER);
        for (int i = 0; i < views.size(); i++) {
            SiteSnapshot.ArticleView v = views.get(i);
            Fragment f = fragments.get(v.path());
            ArticleModel model = new ArticleModel(v.title(), v.author(), AuthorUrls.forPage(v.authorUrl()), tagLinks(v.tags()),
                    CanopyTime.display(v.created()), CanopyTime.display(v.updated()), "",
                    f == null ? null : f.error());
            Layout layout = base.withTitle(v.title() == null ? blogName : v.title());
            if (options.meta()) {
                layout = layout.withHead(PageMetadata.article(new PageHead.Builder(), root, blogName, v).build());
            }
            // views are in the order of articleEntries
            boolean toc = SiteOptions.on(articleEntries.get(i).article().extra().get("toc"));
            boolean headingIds = options.headingIds() || toc;
            ArticlePageModel pm = new ArticlePageModel(layout, model, v.body().name(), headingIds, toc);
            Layout articleLayout = layout;
            Page page = page("article:" + v.path(), pm, HTML, v.updated(), () -> composer.article(articleLayout,
                    new ArticleModel(model.title(), model.author(), model.authorUrl(), model.tags(), model.created(),
                            model.updated(), headingIds ? withHeadingIds(v.bodyHtml(), toc) : v.bodyHtml(),
                            model.error())));
            pages.put(v.path(), page);
            if (exportable(v.path()) && !GENERATED_FILES.contains(v.path()) && !v.path().startsWith("tags/")
                    && !v.path().endsWith("/index.html")) {
                exportFiles.put(v.path(), page);
            } else {
                warnings.add(v.path() + " is not in the static export: its name collides with a generated file");
            }
            String[] segments = v.path().split("/");
            StringBuilder prefix = new StringBuilder();
            for (int s = 0; s < segments.length - 1; s++) {
                if (s > 0) {
                    prefix.append('/');
                }
                prefix.append(segments[s]);
                directories.computeIfAbsent(prefix.toString(), k -> new ArrayList<>()).add(v);
            }
            for (String tag : v.tags()) {
                tagMembers.computeIfAbsent(tag, k -> new ArrayList<>()).add(v);
            }
        }

        // directory listings (§3.3), at every prefix level
        for (Map.Entry<String, List<SiteSnapshot.ArticleView>> dir : directories.entrySet()) {
            String key = dir.getKey();
            Map<String, Page> listingPages = listingPages("listing:", key, lc, dir.getValue(), false, pages,
                    warnings);
            if (pages.containsKey(key)) {
                warnings.add("the listing of " + key + " is shadowed by the article of the same name");
                continue;
            }
            if (key.equals("tags") || key.startsWith("tags/")) {
                warnings.add("the listing of " + key + " is shadowed by the tag pages");
                continue;
            }
            for (Map.Entry<String, Page> p : listingPages.entrySet()) {
                pages.put(p.getKey(), p.getValue());
                if (exportable(p.getKey())) {
                    exportFiles.put(p.getKey() + "/index.html", p.getValue());
                }
            }
        }

        // the index page (§3.5): the article or listing at index_page
        Page index = pages.get(indexPage);
        if (index != null) {
            pages.put("", index);
            exportFiles.put("index.html", index);
        } else {
            warnings.add("the index page /" + indexPage + " is neither an article nor a directory with articles");
        }

        // tag pages (§3.3) and the overview (§3.4); they shadow articles under tags/ (§3.8)
        Map<String, Integer> tagCounts = new LinkedHashMap<>();
        List<TagLink> allTags = new ArrayList<>();
        for (Map.Entry<String, List<SiteSnapshot.ArticleView>> t : tagMembers.entrySet()) {
            String tag = t.getKey();
            tagCounts.put(tag, t.getValue().size());
            allTags.add(tagLink(tag));
            String tagKey = TagPaths.tagPage(tag);
            Map<String, Page> tagPages = listingPages("tag:", tagKey, lc, t.getValue(), true, pages, warnings);
            Page page = tagPages.remove(tagKey);
            shadow(pages, tagKey, page, warnings);
            exportFiles.putAll(ExportNames.tagPages(tagKey, page, tagPages));
            pages.putAll(tagPages);
        }
        Layout tagsLayout = options.meta()
                ? base.withHead(PageMetadata.page(new PageHead.Builder(), root, blogName, "tags", blogName).build())
                : base;
        TagsPageModel tagsModel = new TagsPageModel(tagsLayout, List.copyOf(allTags));
        shadow(pages, "tags", page("tags", tagsModel, HTML, commitTime,
                () -> composer.tagOverview(tagsModel.layout(), tagsModel.tags())), warnings);

        // feeds, as feed-service sent them; atom shadows an article named atom (§3.8)
        for (String feedPath : new TreeSet<>(feeds.keySet())) {
            FeedDocument doc = feeds.get(feedPath).doc();
            ContentStore.PageFiles files = feeds.get(feedPath).files();
            FeedModel fm = new FeedModel(feedContentType(doc.mediaType()), files.identity().name());
            Page page = storedPage("feed:" + feedPath, fm, fm.contentType(), commitTime, () -> files);
            shadow(pages, feedPath, page, warnings);
            if (EXPORTED_FEEDS.contains(feedPath)) {
                exportFiles.put(feedPath, page);
            }
            for (String w : doc.warnings()) {
                warnings.add("feed " + feedPath + ": " + w);
            }
        }

        addRootFiles(root, indexPage, commitTime, pages, statics, redirects, exportFiles);

        Page notFound = page("404", base, HTML, commitTime, () -> composer.notFound(base));

        memo = nextMemo;
        nextMemo = null;
        SiteSnapshot.SiteInfo info = new SiteSnapshot.SiteInfo(blogName, root, indexPage, feedId, List.copyOf(nav),
                List.copyOf(new LinkedHashSet<>(warnings)));
        SiteSnapshot snapshot = new SiteSnapshot(marker.revision(), commitTime, info, Map.copyOf(pages),
                Collections.unmodifiableMap(redirects), Collections.unmodifiableMap(statics), notFound,
                List.copyOf(views), Collections.unmodifiableMap(tagCounts), Collections.unmodifiableMap(exportFiles));
        return new Result(withLinkReport(snapshot, views, fragments), recomposed, reused);
    }

    /**
     * {@code sitemap.xml} (and its parts) and a default {@code robots.txt}, served and exported unless the blog
     * has a page, static file or redirect of the same name: the blog's own file wins.
     */
    private void addRootFiles(String root, String indexPage, Instant commitTime, Map<String, Page> pages,
                              Map<String, SiteSnapshot.StaticRef> statics, Map<String, String> redirects,
                              Map<String, Page> exportFiles) {
        Map<String, String> files = new LinkedHashMap<>(
                SitemapPages.files(root, SitemapPages.urls(root, pages, indexPage)));
        files.put(RobotsTxt.NAME, RobotsTxt.text(root));
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (pages.containsKey(name) || statics.containsKey(name) || redirects.containsKey(name)) {
                continue;
            }
            String type = name.equals(RobotsTxt.NAME) ? RobotsTxt.CONTENT_TYPE : SitemapPages.CONTENT_TYPE;
            Page page = page("file:" + name, file.getValue(), type, commitTime, file::getValue);
            pages.put(name, page);
            exportFiles.put(name, page);
        }
    }

    /** The snapshot with its link report: broken local links in the site info and as warnings. */
    private static SiteSnapshot withLinkReport(SiteSnapshot snapshot, List<SiteSnapshot.ArticleView> views,
                                               Map<String, Fragment> fragments) {
        List<LinkReport.Link> links = new ArrayList<>();
        for (SiteSnapshot.ArticleView v : views) {
            Fragment f = fragments.get(v.path());
            if (f != null) {
                f.localLinks().forEach(t -> links.add(new LinkReport.Link(v.path(), t)));
                f.localImages().forEach(t -> links.add(new LinkReport.Link(v.path(), t)));
            }
        }
        Map<String, List<String>> broken = LinkReport.broken(snapshot, links);
        if (broken.isEmpty()) {
            return snapshot;
        }
        List<String> all = new ArrayList<>(snapshot.site().warnings());
        broken.forEach((path, targets) -> targets.forEach(t ->
                all.add(path + ": the link " + t + " points to no page, static file or redirect")));
        SiteSnapshot.SiteInfo s = snapshot.site();
        SiteSnapshot.SiteInfo info = new SiteSnapshot.SiteInfo(s.blogName(), s.root(), s.indexPage(), s.feedId(),
                s.navItems(), List.copyOf(new LinkedHashSet<>(all)), broken);
        return new SiteSnapshot(snapshot.revision(), snapshot.commitTime(), info, snapshot.pages(),
                snapshot.redirects(), snapshot.statics(), snapshot.notFound(), snapshot.articles(), snapshot.tags(),
                snapshot.exportFiles());
    }

    /** The body with ids on its headings, after a table of contents when {@code toc}. */
    private static String withHeadingIds(String bodyHtml, boolean toc) {
        HeadingIds.Result r = HeadingIds.apply(bodyHtml);
        return toc ? HeadingIds.tocHtml(r.toc()) + r.html() : r.html();
    }

    /** What every listing page of one build shares. */
    private record ListingContext(Layout base, boolean timestamps, SiteOptions options, String root, String blogName,
                                  Map<String, SiteSnapshot.StaticRef> statics, Map<String, String> redirects) {
    }

    /**
     * The pages of a directory listing or a tag page, keyed by site path, page 1 first (one page unless
     * {@code .config/page_size} cuts it). A next page whose path is an entry of the blog is left out, and
     * reported: the blog's entry wins.
     */
    private Map<String, Page> listingPages(String idPrefix, String key, ListingContext lc,
                                           List<SiteSnapshot.ArticleView> members, boolean tagPage,
                                           Map<String, Page> pages, List<String> warnings) {
        Map<String, Page> out = new LinkedHashMap<>();
        for (Pagination.Slice<SiteSnapshot.ArticleView> slice
                : Pagination.slices(key, members, lc.options().pageSize())) {
            if (slice.number() > 1 && (lc.statics().containsKey(slice.key()) || lc.redirects().containsKey(slice.key())
                    || pages.containsKey(slice.key()))) {
                warnings.add("/" + slice.key() + " is an entry of the blog: page " + slice.number()
                        + " of /" + key + " is not served");
                continue;
            }
            PageHead.Builder head = new PageHead.Builder();
            if (slice.pager() != null) {
                if (slice.pager().prev() != null) {
                    head.link("prev", slice.pager().prev(), null, null);
                }
                if (slice.pager().next() != null) {
                    head.link("next", slice.pager().next(), null, null);
                }
            }
            if (lc.options().meta()) {
                PageMetadata.page(head, lc.root(), lc.blogName(), slice.key(), lc.blogName());
            }
            if (tagPage && lc.options().tagFeedLinks()) {
                for (String[] feed : TAG_FEEDS) {
                    head.link("alternate", "/" + SiteUrls.path(key + "/" + feed[0]), feed[1], lc.blogName());
                }
            }
            Layout layout = lc.base().withHead(head.build());
            String id = idPrefix + key + (slice.number() == 1 ? "" : "#" + slice.number());
            out.put(slice.key(), listing(id, layout, slice.members(), lc.timestamps(), slice.pager()));
        }
        return out;
    }

    /** The feeds of a tag page, linked from its head with {@code .config/tag_feeds = on}: name, media type. */
    private static final List<String[]> TAG_FEEDS = List.of(new String[]{"atom", "application/atom+xml"},
            new String[]{"rss.xml", "application/rss+xml"}, new String[]{"feed.json", "application/feed+json"});

    private Page listing(String id, Layout base, List<SiteSnapshot.ArticleView> members, boolean timestamps,
                         Pagination.Pager pager) {
        List<ListingEntry> entries = new ArrayList<>(members.size());
        Instant newest = null;
        for (SiteSnapshot.ArticleView v : members) {
            entries.add(new ListingEntry(v.url(), v.title(), v.author(),
                    timestamps ? CanopyTime.iso(v.created()) : null, CanopyTime.display(v.created()),
                    blankToNull(v.abstractHtml())));
            if (newest == null || v.updated().isAfter(newest)) {
                newest = v.updated();
            }
        }
        ListingPageModel model = new ListingPageModel(base, List.copyOf(entries), pager);
        return page(id, model, HTML, newest, () -> pager == null ? composer.listing(model.layout(), model.entries())
                : composer.listing(model.layout(), model.entries(), pager));
    }

    /** The page for {@code model}: the previous build's if its model is equal, else freshly rendered. */
    private Page page(String id, Object model, String contentType, Instant lastModified, Supplier<String> render) {
        return storedPage(id, model, contentType, lastModified,
                () -> store.putPage(render.get().getBytes(StandardCharsets.UTF_8)));
    }

    /** The page of {@code id}: the previous one when its model is unchanged, else {@code files} (stored). */
    private Page storedPage(String id, Object model, String contentType, Instant lastModified,
                            Supplier<ContentStore.PageFiles> files) {
        Memo old = memo.get(id);
        Page page;
        if (old != null && old.model().equals(model) && old.page().contentType().equals(contentType)) {
            reused++;
            page = old.page().withLastModified(lastModified);
        } else {
            recomposed++;
            page = Page.of(contentType, files.get(), lastModified);
        }
        nextMemo.put(id, new Memo(model, page));
        return page;
    }

    private Content bodyOf(Map<String, Content> bodies, Fragment f, String path) {
        Content body = f == null ? null : bodies.get(path);
        if (body != null) {
            return body;
        }
        // a fragment that still carries its body (or none at all)
        return store.putBytes(f == null ? new byte[0] : nullToEmpty(f.bodyHtml()).getBytes(StandardCharsets.UTF_8));
    }

    private static void shadow(Map<String, Page> pages, String key, Page page, List<String> warnings) {
        if (pages.put(key, page) != null) {
            warnings.add("/" + key + " is served by the engine and hides the article or listing of the same name");
        }
    }

    private List<TagLink> tagLinks(List<String> tags) {
        List<TagLink> out = new ArrayList<>(tags.size());
        for (String tag : tags) {
            out.add(tagLink(tag));
        }
        return out;
    }

    /** A tag's link, made once per tag (a site has tens of tags and thousands of tagged articles). */
    private TagLink tagLink(String tag) {
        if (tagLinkCache.size() > MAX_CACHED_TAG_LINKS) {
            tagLinkCache.clear();
        }
        return tagLinkCache.computeIfAbsent(tag, t -> new TagLink(t, "/" + TagPaths.tagPage(t)));
    }

    /** Trimmed, without empty pieces (no file {@code tags/}) and without repeats, in header order. */
    static List<String> cleanTags(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (t != null && !t.strip().isEmpty()) {
                out.add(t.strip());
            }
        }
        return List.copyOf(out);
    }

    /** An export file name never leaves the export root: no empty, {@code .} or {@code ..} segment, no backslash. */
    static boolean exportable(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0) {
            return false;
        }
        for (String s : path.split("/", -1)) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return false;
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static String feedContentType(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return "application/atom+xml; charset=UTF-8";
        }
        return mediaType.toLowerCase(java.util.Locale.ROOT).contains("charset") ? mediaType : mediaType + "; charset=UTF-8";
    }

    private static String config(Map<String, Entry> entries, String name) {
        Entry e = entries.get(CONFIG_PREFIX + name);
        return isConfig(e) && e.config() != null ? e.config().value() : null;
    }

    private static boolean isConfig(Entry e) {
        return e != null && e.kind() == EntryKind.CONFIG;
    }

    private static String firstSegment(String path) {
        int slash = path.indexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static String stripSlashes(String s) {
        String out = s.strip();
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
