package dev.gitblog.gateway.site;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Turns page models into HTML with the Qute templates under {@code templates/PageComposer/}: one layout
 * (docs/FORMAT.md §3.1), includes for the article block (§3.2), the listing entry (§3.3) and the tag list.
 * Every engine-generated value goes through {@link HtmlText#esc} (the §3.1 escaping); the only raw
 * insertions are the rendered markdown of a fragment (body and abstract).
 *
 * <p>Pure: the same models give the same bytes, in any process (replicas serve identical pages). The
 * templates are checked at build time, so this class needs the Quarkus build; the assembler logic is
 * tested without it through a subclass.
 */
public class PageComposer {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance articlePage(Layout layout, ArticleModel a);

        static native TemplateInstance listingPage(Layout layout, String entriesHtml, Pagination.Pager pager);

        static native TemplateInstance entry(ListingEntry e);

        static native TemplateInstance tagsPage(Layout layout, List<TagLink> tags);

        static native TemplateInstance notFoundPage(Layout layout);
    }

    /** §3.2: an article page. */
    public String article(Layout layout, ArticleModel article) {
        return Templates.articlePage(layout, article).render();
    }

    /**
     * Each listing entry's HTML while the entry is in use. An article is an entry of several listings (its
     * directories, each of its tags), and a listing is composed again whenever one of its entries changes: a new
     * post recomposes a listing of every article. Equal entries give equal HTML, so a cached text serves any
     * entry equal to the one it was rendered for; keys are weak, and go with the listings that hold them.
     */
    private final Map<ListingEntry, String> entryHtml = Collections.synchronizedMap(new WeakHashMap<>());

    /** §3.3: a directory listing or a tag page. */
    public String listing(Layout layout, List<ListingEntry> entries) {
        return Templates.listingPage(layout, entriesHtml(entries), null).render();
    }

    /** One page of a paginated listing: its entries and the links to the pages before and after it. */
    public String listing(Layout layout, List<ListingEntry> entries, Pagination.Pager pager) {
        return Templates.listingPage(layout, entriesHtml(entries), pager).render();
    }

    /** The entries of a listing, one after the other, each as {@code templates/PageComposer/entry.html} makes it. */
    private String entriesHtml(List<ListingEntry> entries) {
        StringBuilder html = new StringBuilder(entries.size() * 256);
        for (ListingEntry e : entries) {
            html.append(entryHtml.computeIfAbsent(e, x -> Templates.entry(x).render()));
        }
        return html.toString();
    }

    /** §3.4: the tag overview. */
    public String tagOverview(Layout layout, List<TagLink> tags) {
        return Templates.tagsPage(layout, tags).render();
    }

    /** docs/DECISIONS.md Decision 8: the 404 page in the site's layout. */
    public String notFound(Layout layout) {
        return Templates.notFoundPage(layout).render();
    }

    /**
     * What every page shares.
     *
     * @param pageTitle the {@code <title>} and the alternate link's title
     * @param blogName  the navbar brand text
     * @param indexPage the brand link target without the leading slash
     * @param nav       navbar items
     * @param head       opt-in head additions (canonical, cards, JSON-LD, prev/next, tag feeds), null for none
     * @param footerHtml the rendered {@code .config/footer}, inserted raw after the main content; null for none
     */
    @TemplateData
    public record Layout(String pageTitle, String blogName, String indexPage, List<String> nav, PageHead head,
                         String footerHtml) {
        public Layout {
            nav = List.copyOf(nav);
        }

        /** Canopy's layout, without the opt-in head additions and footer. */
        public Layout(String pageTitle, String blogName, String indexPage, List<String> nav) {
            this(pageTitle, blogName, indexPage, nav, null, null);
        }

        public Layout withTitle(String title) {
            return new Layout(title, blogName, indexPage, nav, head, footerHtml);
        }

        /** @param head the page's head additions, null for none */
        public Layout withHead(PageHead head) {
            return new Layout(pageTitle, blogName, indexPage, nav, head, footerHtml);
        }

        /** @param footerHtml the rendered {@code .config/footer}, null for none */
        public Layout withFooter(String footerHtml) {
            return new Layout(pageTitle, blogName, indexPage, nav, head, footerHtml);
        }
    }

    /**
     * The article block. Null title/author/authorUrl/error mean absent.
     *
     * @param created  display date ({@code 2016-07-12})
     * @param updated  display date
     * @param bodyHtml the rendered markdown, inserted raw
     * @param error    why rendering failed: shown as a visible notice above the body
     */
    @TemplateData
    public record ArticleModel(String title, String author, String authorUrl, List<TagLink> tags,
                               String created, String updated, String bodyHtml, String error) {
        public ArticleModel {
            tags = List.copyOf(tags);
            bodyHtml = bodyHtml == null ? "" : bodyHtml;
        }
    }

    /**
     * One entry of a listing.
     *
     * @param href         {@code /Posts/ARP}
     * @param timeIso      {@code <time datetime>} value, null when timestamps are off (docs/DECISIONS.md Decision 10)
     * @param timeDisplay  the created date as shown
     * @param abstractHtml the rendered abstract, inserted raw; null when there is none
     */
    @TemplateData
    public record ListingEntry(String href, String title, String author, String timeIso, String timeDisplay,
                               String abstractHtml) {
    }

    /** A tag and its page: {@code href} is {@code /tags/<TagPaths.segment(name)>}. */
    @TemplateData
    public record TagLink(String name, String href) {
    }
}
