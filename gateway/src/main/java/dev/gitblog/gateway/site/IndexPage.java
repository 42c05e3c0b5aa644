package dev.gitblog.gateway.site;

/**
 * The index page (docs/FORMAT.md §3.5): the page at {@code .config/index_page} (an article or a directory
 * listing) served again at the site root and exported as {@code index.html}. Without such a page the site
 * has no index, and a warning says so.
 */
final class IndexPage {

    private IndexPage() {
    }

    /** Serves the index page; call after the article and listing pages are in {@code out}. */
    static void add(BuildContext ctx, SiteOutput out) {
        String indexPage = ctx.config().indexPage();
        Page index = out.get(indexPage);
        if (index != null) {
            out.serve("", index);
            out.export("index.html", index);
        } else {
            out.warn("the index page /" + indexPage + " is neither an article nor a directory with articles");
        }
    }
}
