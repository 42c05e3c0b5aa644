package dev.gitblog.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The link report's rule (docs/FORMAT-ADDITIONS.md, "Link report"): what a local link or image of an article
 * points to, and whether the revision has something there. One rule for the gateway (over its snapshot) and
 * content-service (over the pages its entries make, {@link RevisionPages}).
 * <ul>
 *   <li>A target is <em>local</em> when it names a path of this site: relative or starting with one
 *       {@code /}; not an in-page {@code #fragment}, not protocol-relative ({@code //host}), and without a
 *       scheme ({@code http:}, {@code mailto:}, ...).</li>
 *   <li>It is resolved from the article's URL the way a browser does ({@code Posts/ARP} + {@code BottomUp}
 *       = {@code /Posts/BottomUp}, {@code ../About}, {@code /static/x.png}), without its {@code ?query} and
 *       {@code #fragment}; {@code ..} above the site root resolves to nothing.</li>
 *   <li>It is then looked up like a request: decoded by {@link SitePath}, keyed by {@link SiteKeys}, found
 *       when the key is a page, or (outside {@code tags}) a static file or a redirect. What is not found is
 *       broken: exactly what a reader would get a 404 for.</li>
 * </ul>
 */
public final class LocalLinks {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private LocalLinks() {
    }

    /** What a revision has at a site key ({@link SiteKeys}). */
    public interface Site {
        boolean hasPage(String key);

        boolean hasStaticFile(String key);

        boolean hasRedirect(String key);
    }

    /** A local link target or image source of an article, as written. */
    public record Link(String article, String target) {
    }

    /**
     * A local link or image that points to nothing.
     *
     * @param target   as written in the article
     * @param resolved the site path it resolves to ({@code /Posts/Missing}), or null when it climbs above the
     *                 site root
     */
    public record Broken(String target, String resolved) {
    }

    /** Whether {@code url} names a path of this site (see the class comment). */
    public static boolean isLocal(String url) {
        if (url == null) {
            return false;
        }
        String u = url.strip();
        return !u.isEmpty() && !u.startsWith("#") && !u.startsWith("//") && !SCHEME.matcher(u).find();
    }

    /**
     * The site path {@code target} points to from the article at {@code articlePath}, still percent-encoded,
     * with one leading {@code /} ({@code /Posts/BottomUp}; the article's own path for a target that is only a
     * query or a fragment); empty when it climbs above the site root.
     */
    public static Optional<String> resolve(String articlePath, String target) {
        String path = target.strip();
        int cut = indexOfAny(path, "?#");
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        if (path.isEmpty()) {
            return Optional.of("/" + articlePath);
        }
        String absolute = path.startsWith("/") ? path : "/" + directoryOf(articlePath) + path;
        List<String> segments = new ArrayList<>();
        for (String s : absolute.substring(1).split("/", -1)) {
            if (s.equals(".") || s.isEmpty()) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.remove(segments.size() - 1);
            } else {
                segments.add(s);
            }
        }
        return Optional.of("/" + String.join("/", segments));
    }

    /**
     * Where a local target of an article leads, worked out once from the article's path and the target as
     * written: whether something is there then depends only on the keys of the revision ({@link #existsIn}),
     * so a caller may keep it while neither changes.
     *
     * @param resolved    the site path ({@link #resolve}), null when the target climbs above the site root
     * @param key         the site key a request for that path is looked up under ({@link SiteKeys}), null when
     *                    there is none (the path does not decode, or names no key): then nothing is ever there
     * @param servesFiles a static file or a redirect at the key counts too (outside {@code tags})
     */
    public record Target(String resolved, String key, boolean servesFiles) {

        /** Whether a request for this target finds something in {@code site}. */
        public boolean existsIn(Site site) {
            return key != null
                    && (site.hasPage(key) || servesFiles && (site.hasStaticFile(key) || site.hasRedirect(key)));
        }
    }

    /** Where the local {@code target} of the article at {@code articlePath} leads. */
    public static Target target(String articlePath, String target) {
        Optional<String> path = resolve(articlePath, target);
        return path.isEmpty() ? new Target(null, null, false) : lookup(path.get());
    }

    /** Whether a request for the site path {@code path} (percent-encoded) finds something in {@code site}. */
    public static boolean exists(Site site, String path) {
        return lookup(path).existsIn(site);
    }

    /** Whether the local {@code target} of the article at {@code articlePath} finds something in {@code site}. */
    public static boolean resolves(Site site, String articlePath, String target) {
        return target(articlePath, target).existsIn(site);
    }

    /**
     * The broken ones among {@code links}: article path to its broken targets, in the order of {@code links}
     * (article order, then document order), each target once per article.
     */
    public static Map<String, List<Broken>> broken(Site site, List<Link> links) {
        Map<String, List<Broken>> out = new LinkedHashMap<>();
        for (Link link : links) {
            Target target = target(link.article(), link.target());
            if (target.existsIn(site)) {
                continue;
            }
            List<Broken> targets = out.computeIfAbsent(link.article(), k -> new ArrayList<>());
            if (targets.stream().noneMatch(b -> b.target().equals(link.target()))) {
                targets.add(new Broken(link.target(), target.resolved()));
            }
        }
        return out;
    }

    /** The key a request for the site path {@code path} (percent-encoded) is looked up under. */
    private static Target lookup(String path) {
        SitePath.Parsed parsed = SitePath.parse(path);
        if (!parsed.ok()) {
            return new Target(path, null, false);
        }
        Optional<String> key = SiteKeys.key(parsed.segments());
        return key.isEmpty() ? new Target(path, null, false)
                : new Target(path, key.get(), SiteKeys.servesFiles(parsed.segments()));
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
