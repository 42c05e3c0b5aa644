package dev.gitblog.gateway.site;

import dev.gitblog.events.ArticleOrder;
import dev.gitblog.events.AuthorUrls;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;
import dev.gitblog.gateway.site.PageComposer.ArticleModel;
import dev.gitblog.gateway.site.PageComposer.Layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The article pages (docs/FORMAT.md §3.2), one per article at its path, exported under it unless the name
 * collides with a generated file ({@link ExportNames#articleExported}). An article's page is titled with its
 * title (the blog's name without one), carries the article's head with {@code .config/meta = on}, and ids
 * on its headings with {@code .config/heading_ids = on} or its own {@code toc} (then after a table of
 * contents). The same pass gathers the members of every directory listing and tag page.
 *
 * <p>One instance per assembler keeps each article's page model from build to build. The model depends on the
 * article's view, entry and fragment, and on what every page of a build shares (the configuration and the base
 * layout); views, entries and fragments are replaced only when a new record arrives ({@link ArticleViews}), so
 * when all three are the same objects ({@code ==}) as in the previous build and the configuration and base
 * layout are equal to its own, the previous model is the model (and {@link PageMemo} finds the page unchanged
 * by identity, without comparing the model). Models of articles a build no longer has are forgotten.
 */
final class ArticlePages {

    /** The article model without its body, plus the body's content name: the body itself stays in the store. */
    private record ArticlePageModel(Layout layout, ArticleModel article, String bodyName, boolean headingIds,
                                    boolean toc) {
    }

    /**
     * What one article's page was made of, and what of it depends on the path alone.
     *
     * @param pageId      the page's id in the {@link PageMemo}
     * @param directories the article's directory prefixes ({@code Posts}, {@code Posts/2016}), outermost first
     * @param exported    the page is in the static export ({@link ExportNames#articleExported})
     */
    private record Derived(SiteSnapshot.ArticleView view, Entry entry, Fragment fragment, ArticlePageModel model,
                           String pageId, List<String> directories, boolean exported) {
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

    /** The previous build's articles by path. */
    private Map<String, Derived> previous = Map.of();
    /** What every page of the previous build shared; null before the first build. */
    private SiteConfig previousConfig;
    private Layout previousBase;

    /**
     * Adds the article pages to {@code out}.
     *
     * @param views    the articles, newest first
     * @param articles their entries, in the same order
     */
    Members add(BuildContext ctx, List<SiteSnapshot.ArticleView> views, List<Entry> articles,
                Map<String, Fragment> fragments, SiteOutput out) {
        SiteConfig config = ctx.config();
        boolean sameSite = config.equals(previousConfig) && ctx.base().equals(previousBase);
        Map<String, Derived> current = new HashMap<>(views.size() * 2);
        List<Derived> derived = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            SiteSnapshot.ArticleView v = views.get(i);
            Entry e = articles.get(i);
            Fragment f = fragments.get(v.path());
            Derived old = previous.get(v.path());
            Derived d;
            if (old != null && sameSite && old.view() == v && old.entry() == e && old.fragment() == f) {
                d = old;
            } else {
                d = old != null
                        ? new Derived(v, e, f, model(ctx, v, e, f), old.pageId(), old.directories(), old.exported())
                        : new Derived(v, e, f, model(ctx, v, e, f), "article:" + v.path(), directoriesOf(v.path()),
                        ExportNames.articleExported(v.path()));
            }
            current.put(v.path(), d);
            derived.add(d);
        }
        ContentStore.PageFiles[] composed = composeChanged(ctx, derived);
        Map<String, List<SiteSnapshot.ArticleView>> directories = new LinkedHashMap<>();
        Map<String, List<SiteSnapshot.ArticleView>> tagMembers = new HashMap<>();
        for (int i = 0; i < derived.size(); i++) {
            Derived d = derived.get(i);
            SiteSnapshot.ArticleView v = d.view();
            ContentStore.PageFiles files = composed[i];
            Page page = files != null
                    ? ctx.memo().storedPage(d.pageId(), d.model(), BuildContext.HTML, v.updated(), () -> files)
                    : ctx.memo().page(d.pageId(), d.model(), BuildContext.HTML, v.updated(), () -> render(ctx, d));
            out.serve(v.path(), page);
            if (d.exported()) {
                out.export(v.path(), page);
            } else {
                out.warn(v.path() + " is not in the static export: its name collides with a generated file");
            }
            for (String prefix : d.directories()) {
                directories.computeIfAbsent(prefix, k -> new ArrayList<>()).add(v);
            }
            for (String tag : v.tags()) {
                tagMembers.computeIfAbsent(tag, k -> new ArrayList<>()).add(v);
            }
        }
        previous = current;
        previousConfig = config;
        previousBase = ctx.base();
        Map<String, List<SiteSnapshot.ArticleView>> tags = new TreeMap<>(ArticleOrder.BYTE_ORDER);
        tags.putAll(tagMembers);
        return new Members(directories, tags);
    }

    /**
     * Articles whose pages a build composes in parallel: a first build, a replica's catch-up, a push of the
     * whole history. Composing and gzipping a page is independent of every other page, and it was most of such
     * a build (gzip alone 43 % of the thread in a profile). A small push composes its few pages in order.
     */
    static final int PARALLEL_FROM = 64;

    /**
     * The pages of {@code derived} that the memo will not reuse, composed and stored on the common fork-join
     * pool and the calling thread when there are at least {@link #PARALLEL_FROM}; by index, null for the others
     * (and for all when fewer: {@link PageMemo#page} composes those in order).
     */
    private static ContentStore.PageFiles[] composeChanged(BuildContext ctx, List<Derived> derived) {
        ContentStore.PageFiles[] composed = new ContentStore.PageFiles[derived.size()];
        int[] changed = IntStream.range(0, derived.size())
                .filter(i -> !ctx.memo().reuses(derived.get(i).pageId(), derived.get(i).model(), BuildContext.HTML))
                .toArray();
        if (changed.length >= PARALLEL_FROM) {
            Arrays.stream(changed).parallel()
                    .forEach(i -> composed[i] = ctx.memo().store(() -> render(ctx, derived.get(i))));
        }
        return composed;
    }

    /** The HTML of an article's page. */
    private static String render(BuildContext ctx, Derived d) {
        ArticlePageModel pm = d.model();
        SiteSnapshot.ArticleView v = d.view();
        return ctx.composer().article(pm.layout(), new ArticleModel(pm.article().title(),
                pm.article().author(), pm.article().authorUrl(), pm.article().tags(),
                pm.article().created(), pm.article().updated(),
                pm.headingIds() ? withHeadingIds(v.bodyHtml(), pm.toc()) : v.bodyHtml(),
                pm.article().error()));
    }

    /** The page model of an article (without its body). */
    private static ArticlePageModel model(BuildContext ctx, SiteSnapshot.ArticleView v, Entry e, Fragment f) {
        SiteConfig config = ctx.config();
        ArticleModel model = new ArticleModel(v.title(), v.author(), AuthorUrls.forPage(v.authorUrl()),
                ctx.tagLinks().of(v.tags()), CanopyTime.display(v.created()), CanopyTime.display(v.updated()), "",
                f == null ? null : f.error());
        Layout layout = ctx.base().withTitle(v.title() == null ? config.blogName() : v.title());
        if (config.options().meta()) {
            layout = layout.withHead(PageMetadata.article(new PageHead.Builder(), config.root(),
                    config.blogName(), v).build());
        }
        boolean toc = SiteOptions.on(e.article().extra().get("toc"));
        boolean headingIds = config.options().headingIds() || toc;
        return new ArticlePageModel(layout, model, v.body().name(), headingIds, toc);
    }

    /** The directory prefixes of {@code path}, outermost first ({@code Posts}, {@code Posts/2016}). */
    private static List<String> directoriesOf(String path) {
        String[] segments = path.split("/");
        List<String> prefixes = new ArrayList<>(segments.length - 1);
        StringBuilder prefix = new StringBuilder();
        for (int s = 0; s < segments.length - 1; s++) {
            if (s > 0) {
                prefix.append('/');
            }
            prefix.append(segments[s]);
            prefixes.add(prefix.toString());
        }
        return List.copyOf(prefixes);
    }
    /** The body with ids on its headings, after a table of contents when {@code toc}. */
    private static String withHeadingIds(String bodyHtml, boolean toc) {
        HeadingIds.Result r = HeadingIds.apply(bodyHtml);
        return toc ? HeadingIds.tocHtml(r.toc()) + r.html() : r.html();
    }
}
