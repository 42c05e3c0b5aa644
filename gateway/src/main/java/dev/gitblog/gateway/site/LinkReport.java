package dev.gitblog.gateway.site;

import dev.gitblog.events.LocalLinks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The link report over a snapshot: every site-local link and image of an article (as render-service collected
 * them) that points to no page, static file or redirect of the same snapshot. The rule, resolving a target
 * from the article's URL and looking it up like a request, is {@link LocalLinks} (shared with content-service);
 * here the snapshot itself says what exists, so what the report calls broken is exactly what a reader would
 * get a 404 for.
 */
final class LinkReport {

    private LinkReport() {
    }

    /** A local link or image source of an article. */
    record Link(String article, String target) {
    }

    /** Article path to its broken targets, in article order then document order. */
    static Map<String, List<String>> broken(SiteSnapshot snapshot, List<Link> links) {
        List<LocalLinks.Link> local = new ArrayList<>(links.size());
        links.forEach(l -> local.add(new LocalLinks.Link(l.article(), l.target())));
        Map<String, List<String>> out = new LinkedHashMap<>();
        LocalLinks.broken(site(snapshot), local).forEach((article, broken) ->
                out.put(article, broken.stream().map(LocalLinks.Broken::target).toList()));
        return out;
    }

    /** What the snapshot serves, as the link rule asks it. */
    static LocalLinks.Site site(SiteSnapshot snapshot) {
        return new LocalLinks.Site() {
            @Override
            public boolean hasPage(String key) {
                return snapshot.page(key).isPresent();
            }

            @Override
            public boolean hasStaticFile(String key) {
                return snapshot.staticFile(key).isPresent();
            }

            @Override
            public boolean hasRedirect(String key) {
                return snapshot.redirect(key).isPresent();
            }
        };
    }
}
