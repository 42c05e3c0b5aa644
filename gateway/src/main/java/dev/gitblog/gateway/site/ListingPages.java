package dev.gitblog.gateway.site;

import dev.gitblog.gateway.site.PageComposer.Layout;
import dev.gitblog.gateway.site.PageComposer.ListingEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory listings (docs/FORMAT.md §3.3), one at every directory prefix of an article, exported as
 * {@code <directory>/index.html}; and the listing pages of both listings and tag pages ({@link TagPages}).
 * A listing is cut into pages by {@code .config/page_size} ({@link Pagination}); its entries carry
 * {@code <time>} with {@code .config/timestamp-listings}, and its head the prev/next links, the page's
 * head with {@code .config/meta = on} and, on a tag page with {@code .config/tag_feeds = on}, the tag's
 * feeds. A listing whose path is an article's, or under {@code tags/}, is not served: the article and
 * the tag pages win, and a warning says so.
 */
final class ListingPages {

    private record ListingPageModel(Layout layout, List<ListingEntry> entries, Pagination.Pager pager) {
    }

    /** The feeds of a tag page, linked from its head with {@code .config/tag_feeds = on}: name, media type. */
    private static final List<String[]> TAG_FEEDS = List.of(new String[]{"atom", "application/atom+xml"},
            new String[]{"rss.xml", "application/rss+xml"}, new String[]{"feed.json", "application/feed+json"});

    private ListingPages() {
    }

    /** Adds the listing of every directory in {@code directories} (prefix -> articles, newest first). */
    static void addDirectories(BuildContext ctx, Map<String, List<SiteSnapshot.ArticleView>> directories,
                               SiteOutput out) {
        for (Map.Entry<String, List<SiteSnapshot.ArticleView>> dir : directories.entrySet()) {
            String key = dir.getKey();
            Map<String, Page> listingPages = pages(ctx, "listing:", key, dir.getValue(), false, out);
            if (out.has(key)) {
                out.warn("the listing of " + key + " is shadowed by the article of the same name");
                continue;
            }
            if (key.equals("tags") || key.startsWith("tags/")) {
                out.warn("the listing of " + key + " is shadowed by the tag pages");
                continue;
            }
            for (Map.Entry<String, Page> p : listingPages.entrySet()) {
                out.serve(p.getKey(), p.getValue());
                if (ExportNames.exportable(p.getKey())) {
                    out.export(p.getKey() + "/index.html", p.getValue());
                }
            }
        }
    }

    /**
     * The pages of a directory listing or a tag page, keyed by site path, page 1 first (one page unless
     * {@code .config/page_size} cuts it). A next page whose path is an entry of the blog is left out, and
     * reported: the blog's entry wins.
     *
     * @param idPrefix the page id's kind: {@code listing:} or {@code tag:}
     */
    static Map<String, Page> pages(BuildContext ctx, String idPrefix, String key,
                                   List<SiteSnapshot.ArticleView> members, boolean tagPage, SiteOutput out) {
        SiteConfig config = ctx.config();
        Map<String, Page> pages = new LinkedHashMap<>();
        for (Pagination.Slice<SiteSnapshot.ArticleView> slice
                : Pagination.slices(key, members, config.options().pageSize())) {
            if (slice.number() > 1 && (ctx.isEntry(slice.key()) || out.has(slice.key()))) {
                out.warn("/" + slice.key() + " is an entry of the blog: page " + slice.number()
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
            if (config.options().meta()) {
                PageMetadata.page(head, config.root(), config.blogName(), slice.key(), config.blogName());
            }
            if (tagPage && config.options().tagFeedLinks()) {
                for (String[] feed : TAG_FEEDS) {
                    head.link("alternate", "/" + SiteUrls.path(key + "/" + feed[0]), feed[1], config.blogName());
                }
            }
            Layout layout = ctx.base().withHead(head.build());
            String id = idPrefix + key + (slice.number() == 1 ? "" : "#" + slice.number());
            pages.put(slice.key(), listing(ctx, id, layout, slice.members(), slice.pager()));
        }
        return pages;
    }

    private static Page listing(BuildContext ctx, String id, Layout layout, List<SiteSnapshot.ArticleView> members,
                                Pagination.Pager pager) {
        boolean timestamps = ctx.config().timestamps();
        List<ListingEntry> entries = new ArrayList<>(members.size());
        Instant newest = null;
        for (SiteSnapshot.ArticleView v : members) {
            entries.add(ctx.listingEntries().of(v, timestamps));
            if (newest == null || v.updated().isAfter(newest)) {
                newest = v.updated();
            }
        }
        ListingPageModel model = new ListingPageModel(layout, List.copyOf(entries), pager);
        PageComposer composer = ctx.composer();
        return ctx.memo().page(id, model, BuildContext.HTML, newest, () -> pager == null
                ? composer.listing(model.layout(), model.entries())
                : composer.listing(model.layout(), model.entries(), pager));
    }
}
