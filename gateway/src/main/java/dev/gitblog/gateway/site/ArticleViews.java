package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What the JSON API and the pages show of each article: its header fields (blank ones absent, tags trimmed and
 * without repeats), its URL and its rendered body and abstract. The body stays in the {@link ContentStore};
 * an article whose fragment failed to render is shown with the failure, and a warning names it.
 *
 * <p>One instance per assembler keeps each article's view from build to build: a view depends only on the
 * article's entry, its fragment and its body, and the assembler replaces those objects only when a new record
 * arrives, so a view whose three inputs are the same objects ({@code ==}) as in the previous build is that
 * build's view again. The views of articles a build no longer has are forgotten.
 */
final class ArticleViews {

    /** A view and the inputs it was made of. */
    private record Derived(Entry entry, Fragment fragment, Content body, SiteSnapshot.ArticleView view) {
    }

    /** The previous build's views by article path. */
    private Map<String, Derived> previous = Map.of();

    /** The views of one build, without reuse (every view made anew). */
    static List<SiteSnapshot.ArticleView> of(List<Entry> articles, Map<String, Fragment> fragments,
                                             Map<String, Content> bodies, ContentStore store, List<String> warnings) {
        return new ArticleViews().views(articles, fragments, bodies, store, warnings);
    }

    /**
     * @param articles  the article entries, newest first; the views come in the same order
     * @param fragments the fragments by article path (without their body)
     * @param bodies    the fragments' body HTML by article path
     */
    List<SiteSnapshot.ArticleView> views(List<Entry> articles, Map<String, Fragment> fragments,
                                         Map<String, Content> bodies, ContentStore store, List<String> warnings) {
        List<SiteSnapshot.ArticleView> views = new ArrayList<>(articles.size());
        Map<String, Derived> current = new HashMap<>(articles.size() * 2);
        for (Entry e : articles) {
            Fragment f = fragments.get(e.path());
            if (f != null && f.error() != null) {
                warnings.add(e.path() + " could not be rendered: " + f.error());
            }
            Content body = f == null ? null : bodies.get(e.path());
            Derived old = previous.get(e.path());
            Derived now = old != null && old.entry() == e && old.fragment() == f && old.body() == body
                    ? old : new Derived(e, f, body, view(e, f, body, store));
            current.put(e.path(), now);
            views.add(now.view());
        }
        previous = current;
        return views;
    }

    private static SiteSnapshot.ArticleView view(Entry e, Fragment f, Content body, ContentStore store) {
        Entry.Article a = e.article();
        return new SiteSnapshot.ArticleView(e.path(), blankToNull(a.title()), blankToNull(a.author()),
                blankToNull(a.authorUrl()), a.abstractText(), cleanTags(a.tags()), e.created(), e.updated(),
                "/" + e.path(), body != null ? body : bodyOf(f, store), f == null ? null : f.abstractHtml());
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

    /** The body of an article without one in the store: a fragment that still carries it, or none at all. */
    private static Content bodyOf(Fragment f, ContentStore store) {
        return store.putBytes(f == null ? new byte[0] : nullToEmpty(f.bodyHtml()).getBytes(StandardCharsets.UTF_8));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
