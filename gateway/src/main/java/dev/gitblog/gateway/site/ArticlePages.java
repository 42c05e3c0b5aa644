package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.AuthorUrls;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;
import dev.gitblog.gateway.site.PageComposer.ArticleModel;
import dev.gitblog.gateway.site.PageComposer.Layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The article pages (docs/FORMAT.md §3.2), one per article at its path, exported under it unless the name
 * collides with a generated file ({@link ExportNames#articleExported}). An article's page is titled with its
 * title (the blog's name without one), carries the article's head with {@code .config/meta = on}, and ids
 * on its headings with {@code .config/heading_ids = on} or its own {@code toc} (then after a table of
 * contents). The same pass gathers the members of every directory listing and tag page.
 */
final class ArticlePages {

    /** The article model without its body, plus the body's content name: the body itself stays in the store. */
    private record ArticlePageModel(Layout layout, ArticleModel article, String bodyName, boolean headingIds,
                                    boolean toc) {
    }

    /**
     * The articles of each listing, newest first.
     *
     * @param directories every directory prefix ({@code Posts}, {@code Posts/2016}) -> its articles, at any depth
     * @param tags        tag -> its articles, tags in byte order
     */
    record Members(Map<String, List<SiteSnapshot.ArticleView>> directories,
                   Map<String, List<SiteSnapshot.ArticleView>> tags) {
    }

    private ArticlePages() {
    }

    /**
     * Adds the article pages to {@code out}.
     *
     * @param views    the articles, newest first
     * @param articles their entries, in the same order
     */
    static Members add(BuildContext ctx, List<SiteSnapshot.ArticleView> views, List<Entry> articles,
                       Map<String, Fragment> fragments, SiteOutput out) {
        SiteConfig config = ctx.config();
        Map<String, List<SiteSnapshot.ArticleView>> directories = new LinkedHashMap<>();
        Map<String, List<SiteSnapshot.ArticleView>> tagMembers = new TreeMap<>(ArticleOrder.BYTE_ORDER);
        for (int i = 0; i < views.size(); i++) {
            SiteSnapshot.ArticleView v = views.get(i);
            Fragment f = fragments.get(v.path());
            ArticleModel model = new ArticleModel(v.title(), v.author(), AuthorUrls.forPage(v.authorUrl()),
                    ctx.tagLinks().of(v.tags()), CanopyTime.display(v.created()), CanopyTime.display(v.updated()), "",
                    f == null ? null : f.error());
            Layout layout = ctx.base().withTitle(v.title() == null ? config.blogName() : v.title());
            if (config.options().meta()) {
                layout = layout.withHead(PageMetadata.article(new PageHead.Builder(), config.root(),
                        config.blogName(), v).build());
            }
            boolean toc = SiteOptions.on(articles.get(i).article().extra().get("toc"));
            boolean headingIds = config.options().headingIds() || toc;
            ArticlePageModel pm = new ArticlePageModel(layout, model, v.body().name(), headingIds, toc);
            Layout articleLayout = layout;
            Page page = ctx.memo().page("article:" + v.path(), pm, BuildContext.HTML, v.updated(),
                    () -> ctx.composer().article(articleLayout, new ArticleModel(model.title(), model.author(),
                            model.authorUrl(), model.tags(), model.created(), model.updated(),
                            headingIds ? withHeadingIds(v.bodyHtml(), toc) : v.bodyHtml(), model.error())));
            out.serve(v.path(), page);
            if (ExportNames.articleExported(v.path())) {
                out.export(v.path(), page);
            } else {
                out.warn(v.path() + " is not in the static export: its name collides with a generated file");
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
        return new Members(directories, tagMembers);
    }

    /** The body with ids on its headings, after a table of contents when {@code toc}. */
    private static String withHeadingIds(String bodyHtml, boolean toc) {
        HeadingIds.Result r = HeadingIds.apply(bodyHtml);
        return toc ? HeadingIds.tocHtml(r.toc()) + r.html() : r.html();
    }
}
