package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.gateway.site.PageComposer.Layout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One build's context for the page builders' tests, with a plain-text composer instead of the Qute templates
 * (public for the tests of other packages that compose a site without the Quarkus application).
 */
public final class Builds {

    static final Instant COMMIT = Instant.parse("2022-11-17T15:48:30Z");

    private Builds() {
    }

    /** Writes what a page is made of: its kind, title, head links and content, so that tests can read it. */
    public static final class PlainComposer extends PageComposer {
        int calls;

        @Override
        public String article(Layout layout, ArticleModel a) {
            calls++;
            return "ARTICLE " + layout.pageTitle() + heads(layout) + " body=" + a.bodyHtml();
        }

        @Override
        public String listing(Layout layout, List<ListingEntry> entries) {
            return listing(layout, entries, null);
        }

        @Override
        public String listing(Layout layout, List<ListingEntry> entries, Pagination.Pager pager) {
            calls++;
            return "LISTING " + entries.stream().map(e -> e.href() + (e.timeIso() == null ? "" : "@" + e.timeIso()))
                    .collect(Collectors.joining(",")) + heads(layout);
        }

        @Override
        public String tagOverview(Layout layout, List<TagLink> tags) {
            calls++;
            return "TAGS " + tags.stream().map(TagLink::href).collect(Collectors.joining(",")) + heads(layout);
        }

        @Override
        public String notFound(Layout layout) {
            calls++;
            return "NOTFOUND " + layout.pageTitle() + " nav=" + layout.nav();
        }

        private static String heads(Layout layout) {
            if (layout.head() == null) {
                return "";
            }
            return layout.head().links().stream().map(l -> " " + l.rel() + "=" + l.href())
                    .collect(Collectors.joining());
        }
    }

    /** The configuration of {@code .config/} entries given as name, value, name, value... */
    static SiteConfig config(String... nameValues) {
        Map<String, Entry> entries = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            Entry e = Events.config(nameValues[i], nameValues[i + 1], "r1");
            entries.put(e.path(), e);
        }
        return SiteConfig.read(entries, new ArrayList<>());
    }

    /** A context with no redirects or static files, dated {@link #COMMIT}, in its first build. */
    static BuildContext context(SiteConfig config, PageComposer composer) {
        return context(config, composer, Map.of(), Map.of(), PageMemo.first(ContentStore.IN_HEAP));
    }

    static BuildContext context(SiteConfig config, PageComposer composer, Map<String, String> redirects,
                                Map<String, SiteSnapshot.StaticRef> statics, PageMemo memo) {
        Layout base = new Layout(config.blogName(), config.blogName(), config.indexPage(), List.of("Posts"));
        return new BuildContext(config, base, COMMIT, new TreeMap<>(redirects), new TreeMap<>(statics), composer,
                new TagLinks(), new ListingEntries(), new SitemapPages.Memo(),
                memo);
    }

    static SiteSnapshot.ArticleView view(String path, String title, List<String> tags, Instant created) {
        return new SiteSnapshot.ArticleView(path, title, "hannes", null, null, tags, created, created, "/" + path,
                "<p>" + path + "</p>", "<p>abstract " + path + "</p>");
    }

    static String text(Page page) {
        return new String(page.body(), StandardCharsets.UTF_8);
    }
}
