package dev.gitblog.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.SiteSnapshot.ArticleView;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API (ARCHITECTURE.md field names; times ISO-8601 UTC, {@code 2016-07-12T15:40:22Z}). */
public final class ApiViews {

    private ApiViews() {
    }

    /** One article in a list. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ArticleSummary(String path, String title, String author, String authorUrl,
                                 @JsonProperty("abstract") String abstractText, List<String> tags,
                                 String created, String updated, String url) {
        static ArticleSummary of(ArticleView a) {
            return new ArticleSummary(a.path(), a.title(), a.author(), a.authorUrl(), a.abstractText(), a.tags(),
                    iso(a.created()), iso(a.updated()), a.url());
        }
    }

    /** One article with its rendered body. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ArticleDetail(String path, String title, String author, String authorUrl,
                                @JsonProperty("abstract") String abstractText, List<String> tags,
                                String created, String updated, String url, String bodyHtml, String abstractHtml,
                                List<String> brokenLinks) {
        /** @param brokenLinks its local links and images that point nowhere in the served revision */
        static ArticleDetail of(ArticleView a, List<String> brokenLinks) {
            return new ArticleDetail(a.path(), a.title(), a.author(), a.authorUrl(), a.abstractText(), a.tags(),
                    iso(a.created()), iso(a.updated()), a.url(), a.bodyHtml(), a.abstractHtml(), brokenLinks);
        }
    }

    /** A tag with the number of articles classified under it and its page. */
    public record TagView(String name, int count, String url) {
        static TagView of(String name, int count) {
            return new TagView(name, count, "/" + TagPaths.tagPage(name));
        }
    }

    /** How many of each thing the served revision has. */
    public record Counts(int articles, int tags, int pages, int redirects, int statics, int brokenLinks) {
    }

    /** Site-wide facts, the served revision and how it compares with the newest one seen. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SiteView(String blogName, String root, String indexPage, String feedId, List<String> navItems,
                           String revision, String commitTime, String newestRevision, boolean upToDate,
                           Counts counts, List<String> warnings, List<String> waitingFor) {
    }

    static String iso(Instant t) {
        return t == null ? null : CanopyTime.iso(t);
    }
}
