package dev.gitblog.gateway.site;

import dev.gitblog.gateway.http.SitePath;
import dev.gitblog.gateway.http.SiteResolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The link report: every site-local link and image of an article (as render-service collected them) that
 * points to no page, static file or redirect of the same snapshot. A target is resolved like the browser
 * does from the article's URL ({@code Posts/ARP} + {@code BottomUp} = {@code /Posts/BottomUp}, {@code ../x},
 * {@code /x}), without its {@code ?query} and {@code #fragment}, and then looked up like a request
 * ({@link SiteResolver}), so what the report calls broken is exactly what a reader would get a 404 for.
 */
final class LinkReport {

    private LinkReport() {
    }

    /** A local link or image source of an article. */
    record Link(String article, String target) {
    }

    /** Article path to its broken targets, in article order then document order. */
    static Map<String, List<String>> broken(SiteSnapshot snapshot, List<Link> links) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Link link : links) {
            if (!resolves(snapshot, link.article(), link.target())) {
                List<String> targets = out.computeIfAbsent(link.article(), k -> new ArrayList<>());
                if (!targets.contains(link.target())) {
                    targets.add(link.target());
                }
            }
        }
        return out;
    }

    static boolean resolves(SiteSnapshot snapshot, String articlePath, String target) {
        String path = target.strip();
        int cut = indexOfAny(path, "?#");
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        if (path.isEmpty()) {
            return true; // the article itself
        }
        String absolute = path.startsWith("/") ? path : "/" + directoryOf(articlePath) + path;
        List<String> segments = new ArrayList<>();
        for (String s : absolute.substring(1).split("/", -1)) {
            if (s.equals(".") || s.isEmpty()) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    return false;
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(s);
            }
        }
        SitePath.Parsed parsed = SitePath.parse("/" + String.join("/", segments));
        if (!parsed.ok()) {
            return false;
        }
        return !(SiteResolver.resolve(snapshot, parsed.segments()) instanceof SiteResolver.NotFound);
    }

    private static String directoryOf(String articlePath) {
        int slash = articlePath.lastIndexOf('/');
        return slash < 0 ? "" : articlePath.substring(0, slash + 1);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
