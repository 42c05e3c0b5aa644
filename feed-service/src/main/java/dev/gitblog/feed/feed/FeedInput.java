package dev.gitblog.feed.feed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the feeds of one revision are built from: the site configuration, the head commit's
 * author date and every article with its rendered HTML. Immutable; built by the adapters from the
 * entries and fragments they hold.
 *
 * @param site     the {@code .config} values the feeds use
 * @param headTime author date (UTC) of the head commit: the site feed's {@code updated}
 * @param articles every parsed article (any order; the planner sorts)
 */
public record FeedInput(Site site, Instant headTime, List<Article> articles) {

    public FeedInput {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(headTime, "headTime");
        articles = articles == null ? List.of() : List.copyOf(articles);
    }

    /**
     * @param blogName {@code .config/blog_name}, default {@code Canopy}
     * @param root     {@code .config/root} verbatim, default {@code http://localhost}
     * @param uuid     {@code .config/uuid} trimmed, or null when the blog has none (docs/DECISIONS.md Decision 11)
     */
    public record Site(String blogName, String root, String uuid) {
        public static final String DEFAULT_BLOG_NAME = "Canopy";
        public static final String DEFAULT_ROOT = "http://localhost";

        public Site {
            blogName = blogName == null ? DEFAULT_BLOG_NAME : blogName;
            root = root == null ? DEFAULT_ROOT : root;
            uuid = uuid == null || uuid.isBlank() ? null : uuid.trim();
        }
    }

    /**
     * One parsed article with its fragment.
     *
     * @param path         site path ({@code Posts/ARP})
     * @param title        null when absent (written as {@code no title})
     * @param author       null when absent (written as {@code canopy})
     * @param authorUrl    null when absent
     * @param tags         header order, as written
     * @param created      first commit that contained the path
     * @param updated      last commit that changed it
     * @param bodyHtml     rendered body
     * @param abstractHtml rendered abstract, null when the article has none
     */
    public record Article(String path, String title, String author, String authorUrl, List<String> tags,
                          Instant created, Instant updated, String bodyHtml, String abstractHtml) {
        public Article {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(created, "created");
            updated = updated == null ? created : updated;
            tags = tags == null ? List.of() : List.copyOf(tags);
            bodyHtml = bodyHtml == null ? "" : bodyHtml;
        }
    }
}
