package dev.gitblog.gateway.site;

import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.PageComposer.Layout;
import dev.gitblog.gateway.site.PageComposer.TagLink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tag pages (docs/FORMAT.md §3.3), a listing of each tag's articles at {@code tags/<segment>}
 * ({@link TagPaths}), and the tag overview at {@code tags} (§3.4). They shadow articles of the same path
 * (§3.8). A tag page is exported as the file {@code tags/<segment>}, or, when {@code .config/page_size} cuts
 * it into several pages, like a listing ({@link ExportNames#tagPages}).
 */
final class TagPages {

    private record TagsPageModel(Layout layout, List<TagLink> tags) {
    }

    private TagPages() {
    }

    /**
     * Adds the tag pages and the overview.
     *
     * @param tagMembers tag -> its articles, newest first; tags in byte order
     * @return tag -> number of articles, in the same order
     */
    static Map<String, Integer> add(BuildContext ctx, Map<String, List<SiteSnapshot.ArticleView>> tagMembers,
                                    SiteOutput out) {
        Map<String, Integer> tagCounts = new LinkedHashMap<>();
        List<TagLink> allTags = new ArrayList<>();
        for (Map.Entry<String, List<SiteSnapshot.ArticleView>> t : tagMembers.entrySet()) {
            String tag = t.getKey();
            tagCounts.put(tag, t.getValue().size());
            allTags.add(ctx.tagLinks().of(tag));
            String tagKey = TagPaths.tagPage(tag);
            Map<String, Page> tagPages = ListingPages.pages(ctx, "tag:", tagKey, t.getValue(), true, out);
            Page page = tagPages.remove(tagKey);
            out.shadow(tagKey, page);
            ExportNames.tagPages(tagKey, page, tagPages).forEach(out::export);
            tagPages.forEach(out::serve);
        }
        SiteConfig config = ctx.config();
        Layout tagsLayout = config.options().meta()
                ? ctx.base().withHead(PageMetadata.page(new PageHead.Builder(), config.root(), config.blogName(),
                "tags", config.blogName()).build())
                : ctx.base();
        TagsPageModel tagsModel = new TagsPageModel(tagsLayout, List.copyOf(allTags));
        out.shadow("tags", ctx.memo().page("tags", tagsModel, BuildContext.HTML, ctx.commitTime(),
                () -> ctx.composer().tagOverview(tagsModel.layout(), tagsModel.tags())));
        return tagCounts;
    }
}
