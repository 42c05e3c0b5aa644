package dev.gitblog.feed.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gitblog.events.AuthorUrls;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.MarkupText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.regex.Pattern;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with Jackson: {@code id} = the Atom entry id,
 * {@code content_html} = body, {@code summary} = the abstract as plain text, dates as ISO-8601 instants.
 */
public final class JsonFeedWriter {

    public static final String VERSION = "https://jsonfeed.org/version/1.1";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final String hub;

    /** Without a WebSub hub. */
    public JsonFeedWriter() {
        this(null);
    }

    /** With {@code hubs: [{"type": "WebSub", "url": hub}]} when {@code hub} is not null. */
    public JsonFeedWriter(String hub) {
        this.hub = FeedLinks.hub(hub);
    }

    /** The feed as JSON Feed 1.1. */
    public String write(FeedSpec spec) {
        ObjectNode feed = MAPPER.createObjectNode();
        feed.put("version", VERSION);
        feed.put("title", MarkupText.cleanXml(spec.title()));
        feed.put("home_page_url", MarkupText.cleanXml(spec.siteLink()));
        feed.put("feed_url", MarkupText.cleanXml(spec.selfLink()));
        if (hub != null) {
            feed.putArray("hubs").addObject().put("type", "WebSub").put("url", MarkupText.cleanXml(hub));
        }
        ArrayNode items = feed.putArray("items");
        for (FeedSpec.Item entry : spec.items()) {
            FeedInput.Article a = entry.article();
            ObjectNode item = items.addObject();
            item.put("id", entry.id());
            item.put("url", MarkupText.cleanXml(entry.link()));
            item.put("title", MarkupText.cleanXml(a.title() == null ? AtomFeedWriter.NO_TITLE : a.title()));
            item.put("content_html", MarkupText.cleanXml(a.bodyHtml()));
            String summary = plainText(a.abstractHtml());
            if (summary != null) {
                item.put("summary", summary);
            }
            item.put("date_published", CanopyTime.iso(a.created()));
            item.put("date_modified", CanopyTime.iso(a.updated()));
            if (!a.tags().isEmpty()) {
                ArrayNode tags = item.putArray("tags");
                a.tags().forEach(t -> tags.add(MarkupText.cleanXml(t)));
            }
            ObjectNode author = item.putArray("authors").addObject();
            author.put("name", MarkupText.cleanXml(a.author() == null ? AtomFeedWriter.NO_AUTHOR : a.author()));
            String url = AuthorUrls.forFeed(a.authorUrl(), entry.link());
            if (url != null) {
                author.put("url", MarkupText.cleanXml(url));
            }
        }
        try {
            return MAPPER.writeValueAsString(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON Feed " + spec.path(), e);
        }
    }

    /**
     * The text of a small HTML fragment (the rendered abstract) as one line of plain text, read with jsoup's
     * HTML parser as a browser reads it: every entity and character reference decoded ({@code &amp;},
     * {@code &hellip;}, {@code &#x27;}; {@code &nbsp;} counts as a space); {@code <br>} and the edges of block
     * elements (paragraphs, list items, headings, table cells, ...) become a space, inline elements join their
     * text without one; the content of {@code <script>}, {@code <style>} and {@code <template>} is no text.
     * Then, as for every feed value, characters XML 1.0 forbids become U+FFFD, and all whitespace (also
     * inside {@code <pre>}) collapses to single spaces. Null for null or a fragment without text.
     */
    static String plainText(String html) {
        if (html == null) {
            return null;
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        body.select("template").remove();
        String text = SPACE.matcher(MarkupText.cleanXml(body.text())).replaceAll(" ").trim();
        return text.isEmpty() ? null : text;
    }
}
