package dev.gitblog.gateway.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sitemap.xml} (and its parts, {@link SitemapPages}) and a default {@code robots.txt} ({@link RobotsTxt}),
 * served and exported unless the blog has a page, static file or redirect of the same name: the blog's own
 * file wins.
 */
final class RootFiles {

    private RootFiles() {
    }

    /** Adds the root files; call last, after every page the sitemap lists is in {@code out}. */
    static void add(BuildContext ctx, SiteOutput out) {
        String root = ctx.config().root();
        Map<String, String> files = new LinkedHashMap<>(
                ctx.sitemap().files(root, ctx.sitemap().urls(root, out.pages(), ctx.config().indexPage())));
        files.put(RobotsTxt.NAME, RobotsTxt.text(root));
        for (Map.Entry<String, String> file : files.entrySet()) {
            String name = file.getKey();
            if (out.has(name) || ctx.isEntry(name)) {
                continue;
            }
            String type = name.equals(RobotsTxt.NAME) ? RobotsTxt.CONTENT_TYPE : SitemapPages.CONTENT_TYPE;
            Page page = ctx.memo().page("file:" + name, file.getValue(), type, ctx.commitTime(), file::getValue);
            out.serve(name, page);
            out.export(name, page);
        }
    }
}
