package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the JSON API and the pages show of each article: its header fields (blank ones absent, tags trimmed and
 * without repeats), its URL and its rendered body and abstract. The body stays in the {@link ContentStore};
 * an article whose fragment failed to render is shown with the failure, and a warning names it.
 */
final class ArticleViews {

    private ArticleViews() {
    }

    /**
     * @param articles  the article entries, newest first; the views come in the same order
     * @param fragments the fragments by article path (without their body)
     * @param bodies    the fragments' body HTML by article path
     */
    static List<SiteSnapshot.ArticleView> of(List<Entry> articles, Map<String, Fragment> fragments,
                                             Map<String, Content> bodies, ContentStore store, List<String> warnings) {
        List<SiteSnapshot.ArticleView> views = new ArrayList<>(articles.size());
        for (Entry e : articles) {
            Fragment f = fragments.get(e.path());
            Entry.Article a = e.article();
            if (f != null && f.error() != null) {
                warnings.add(e.path() + " could not be rendered: " + f.error());
            }
            views.add(new SiteSnapshot.ArticleView(e.path(), blankToNull(a.title()), blankToNull(a.author()),
                    blankToNull(a.authorUrl()), a.abstractText(), cleanTags(a.tags()), e.created(), e.updated(),
                    "/" + e.path(), bodyOf(bodies, f, e.path(), store), f == null ? null : f.abstractHtml()));
        }
        return views;
    }

    /** Trimmed, without empty pieces (no file {@code tags/}) and without repeats, in header order. */
    static List<String> cleanTags(List<String> tags) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (t != null && !t.strip().isEmpty()) {
                out.add(t.strip());
            }
        }
        return List.copyOf(out);
    }

    private static Content bodyOf(Map<String, Content> bodies, Fragment f, String path, ContentStore store) {
        Content body = f == null ? null : bodies.get(path);
        if (body != null) {
            return body;
        }
        // a fragment that still carries its body (or none at all)
        return store.putBytes(f == null ? new byte[0] : nullToEmpty(f.bodyHtml()).getBytes(StandardCharsets.UTF_8));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
