package dev.gitblog.gateway.site;

/**
 * The 404 page (docs/DECISIONS.md Decision 8): "not found" in the site's layout, with the site-wide title,
 * navbar and footer and no head additions; dated from the commit.
 */
final class NotFoundPage {

    private NotFoundPage() {
    }

    static Page of(BuildContext ctx) {
        return ctx.memo().page("404", ctx.base(), BuildContext.HTML, ctx.commitTime(),
                () -> ctx.composer().notFound(ctx.base()));
    }
}
