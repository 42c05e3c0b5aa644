package dev.gitblog.gateway.http;

import dev.gitblog.events.SiteKeys;
import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.Page;
import dev.gitblog.gateway.site.SiteSnapshot;
import dev.gitblog.gateway.site.SiteSnapshot.StaticRef;

import java.util.List;
import java.util.Optional;

/**
 * Which thing of a snapshot a request path selects (docs/FORMAT.md §3.8 with the Decisions): the key is
 * {@link SiteKeys#key}, looked up as a page, else (outside {@code tags}) a static file, else a redirect.
 * Pure: it only looks keys up, it never composes and never touches the filesystem.
 *
 * <ol>
 *   <li>no segment: the page {@code ""} (the same bytes as {@code /{index_page}});</li>
 *   <li>{@code tags}: the overview; {@code tags/T}: the tag page of the decoded tag {@code T} (looked up
 *       under {@link TagPaths#segment}, so {@code tags/a%2Fb} reaches the tag {@code a/b});
 *       {@code tags/T/atom}, {@code tags/T/rss.xml}, {@code tags/T/feed.json}: its feeds;
 *       {@code tags/T/page/N}: a next page of it (with {@code .config/page_size}); anything else: not found;</li>
 *   <li>any other key: a composed page (feeds, articles, listings), a static file, a redirect;</li>
 *   <li>otherwise: not found.</li>
 * </ol>
 */
public final class SiteResolver {

    private SiteResolver() {
    }

    /** What to answer. */
    public sealed interface Resolution permits Found, StaticFile, Redirect, NotFound {
    }

    /** A composed page, served with status 200. */
    public record Found(String key, Page page) implements Resolution {
    }

    /** A static asset; its bytes come from the blob cache or content-service. */
    public record StaticFile(StaticRef ref) implements Resolution {
    }

    /** 301 to {@code location}. */
    public record Redirect(String location) implements Resolution {
    }

    /** 404 with the snapshot's not-found page. */
    public record NotFound(Page page) implements Resolution {
    }

    public static Resolution resolve(SiteSnapshot snapshot, List<String> segments) {
        Optional<String> key = key(segments);
        if (key.isEmpty()) {
            return new NotFound(snapshot.notFound());
        }
        String k = key.get();
        Optional<Page> page = snapshot.page(k);
        if (page.isPresent()) {
            return new Found(k, page.get());
        }
        if (SiteKeys.servesFiles(segments)) {
            Optional<StaticRef> ref = snapshot.staticFile(k);
            if (ref.isPresent()) {
                return new StaticFile(ref.get());
            }
            Optional<String> target = snapshot.redirect(k);
            if (target.isPresent()) {
                return new Redirect(target.get());
            }
        }
        return new NotFound(snapshot.notFound());
    }

    /** The snapshot key for decoded segments, or empty when no key can match ({@link SiteKeys#key}). */
    static Optional<String> key(List<String> segments) {
        return SiteKeys.key(segments);
    }
}
