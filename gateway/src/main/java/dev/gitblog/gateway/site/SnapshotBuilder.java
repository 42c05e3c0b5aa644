package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;
import dev.gitblog.gateway.site.PageComposer.Layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link SiteSnapshot} of one complete revision from the assembler's state (docs/FORMAT.md §3
 * with the Decisions), one page kind after the other: {@link ArticlePages}, {@link ListingPages},
 * {@link IndexPage}, {@link TagPages}, {@link FeedPages}, {@link RootFiles} and the {@link NotFoundPage}, in
 * that order, since a later kind may shadow an earlier one's path. Each page is described by a model (a
 * value); a page whose model equals the one of the previous build is reused with its bytes, gzip and ETag
 * ({@link PageMemo}), so only what a push touched is composed again (changed articles, their listings and
 * tag pages; every page when the configuration or the navbar changed, because the layout is part of every
 * model).
 */
final class SnapshotBuilder {

    record Stats(int recomposed, int reused, long millis) {
    }

    record Result(SiteSnapshot snapshot, int recomposed, int reused) {
    }

    /** A feed document without its text, and that text stored as a page (bytes and gzip variant). */
    record StoredFeed(FeedDocument doc, ContentStore.PageFiles files) {
    }

    private final PageComposer composer;
    private final ContentStore store;
    private final TagLinks tagLinks = new TagLinks();
    private final ListingEntries listingEntries = new ListingEntries();
    private final SitemapPages.Memo sitemap = new SitemapPages.Memo();
    private final SiteEntries.Orders entryOrders = new SiteEntries.Orders();
    private final ArticleViews articleViews = new ArticleViews();
    private final ArticlePages articlePages = new ArticlePages();
    private final LinkReport linkReport = new LinkReport();
    /** The pages of the last build, for the next one to reuse; null before the first. */
    private PageMemo lastMemo;

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
        try (ContentStore.Build ignored = store.startBuild()) {
            return compose(marker, entries, fragments, bodies, feeds);
        }
    }

    private Result compose(RevisionMarker marker, Map<String, Entry> entries, Map<String, Fragment> fragments,
                           Map<String, Content> bodies, Map<String, StoredFeed> feeds) {
        List<String> warnings = new ArrayList<>();
        SiteConfig config = SiteConfig.read(entries, warnings);
        SiteEntries sorted = SiteEntries.sort(entries, warnings, entryOrders);
        List<SiteSnapshot.ArticleView> views = articleViews.views(sorted.articles(), fragments, bodies, store, warnings);
        List<String> nav = sorted.navItems(config.header());
        String footer = config.options().footerMarkdown();
        Layout base = new Layout(config.blogName(), config.blogName(), config.indexPage(), nav)
                .withFooter(footer == null ? null : FooterMarkdown.render(footer));
        listingEntries.nextBuild();
        PageMemo memo = lastMemo == null ? PageMemo.first(store) : lastMemo.next();
        BuildContext ctx = new BuildContext(config, base, marker.commitTime(), sorted.redirects(), sorted.statics(),
                composer, tagLinks, listingEntries, sitemap, memo);

        SiteOutput out = new SiteOutput(warnings);
        ArticlePages.Members members = articlePages.add(ctx, views, sorted.articles(), fragments, out);
        ListingPages.addDirectories(ctx, members.directories(), out);
        IndexPage.add(ctx, out);
        Map<String, Integer> tagCounts = TagPages.add(ctx, members.tags(), out);
        FeedPages.add(ctx, feeds, out);
        RootFiles.add(ctx, out);
        Page notFound = NotFoundPage.of(ctx);
        lastMemo = memo;

        SiteSnapshot.SiteInfo info = new SiteSnapshot.SiteInfo(config.blogName(), config.root(), config.indexPage(),
                config.feedId(), List.copyOf(nav), List.copyOf(new LinkedHashSet<>(warnings)));
        SiteSnapshot snapshot = new SiteSnapshot(marker.revision(), marker.commitTime(), info, Map.copyOf(out.pages()),
                Collections.unmodifiableMap(sorted.redirects()), Collections.unmodifiableMap(sorted.statics()),
                notFound, List.copyOf(views), Collections.unmodifiableMap(tagCounts),
                Collections.unmodifiableMap(out.exportFiles()));
        return new Result(withLinkReport(snapshot, views, fragments), memo.recomposed(), memo.reused());
    }

    /** The snapshot with its link report: broken local links in the site info and as warnings. */
    private SiteSnapshot withLinkReport(SiteSnapshot snapshot, List<SiteSnapshot.ArticleView> views,
                                        Map<String, Fragment> fragments) {
        LinkReport.Report report = linkReport.report(snapshot, views, fragments);
        if (report.broken().isEmpty()) {
            return snapshot;
        }
        List<String> all = new ArrayList<>(snapshot.site().warnings());
        all.addAll(report.warnings());
        SiteSnapshot.SiteInfo s = snapshot.site();
        SiteSnapshot.SiteInfo info = new SiteSnapshot.SiteInfo(s.blogName(), s.root(), s.indexPage(), s.feedId(),
                s.navItems(), List.copyOf(new LinkedHashSet<>(all)), report.broken());
        return new SiteSnapshot(snapshot.revision(), snapshot.commitTime(), info, snapshot.pages(),
                snapshot.redirects(), snapshot.statics(), snapshot.notFound(), snapshot.articles(), snapshot.tags(),
                snapshot.exportFiles());
    }
}
