package dev.gitblog.feed.feed;

import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.gitblog.events.MarkupText;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * RSS 2.0 with Rome: one item per entry, {@code guid} = the Atom entry id ({@code isPermaLink="false"}),
 * {@code description} = the abstract HTML (the body when there is none), {@code content:encoded} =
 * the body HTML, {@code dc:creator} = the author, one {@code category} per tag (domain = tag page).
 */
public final class RssFeedWriter {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private final String hub;

    /** Without a WebSub hub. */
    public RssFeedWriter() {
        this(null);
    }

    /**
     * With {@code <atom:link rel="self">} and {@code <atom:link rel="hub">} in the channel when {@code hub} is not
     * null (WebSub's discovery for RSS).
     */
    public RssFeedWriter(String hub) {
        this.hub = FeedLinks.hub(hub);
    }

    /** The feed as RSS 2.0 XML. */
    public String write(FeedSpec spec) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(MarkupText.cleanXml(spec.title()));
        channel.setLink(MarkupText.cleanXml(spec.siteLink()));
        channel.setDescription(MarkupText.cleanXml(spec.title()));
        channel.setLastBuildDate(Date.from(spec.updated()));
        channel.setPubDate(Date.from(spec.updated()));
        List<Item> items = new ArrayList<>();
        for (FeedSpec.Item entry : spec.items()) {
            items.add(item(entry));
        }
        channel.setItems(items);
        if (hub != null) {
            channel.setForeignMarkup(List.of(atomLink("self", spec.selfLink()), atomLink("hub", hub)));
        }
        try {
            // Rome's own outputString(feed, false) uses JDOM's compact format, which collapses the
            // whitespace of the body HTML (and so of every <pre> block): write the raw document.
            Format format = Format.getRawFormat().setEncoding("UTF-8").setLineSeparator("\n");
            return new XMLOutputter(format).outputString(new WireFeedOutput().outputJDom(channel));
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the RSS feed " + spec.path(), e);
        }
    }

    private static Element atomLink(String rel, String href) {
        return new Element("link", ATOM).setAttribute("rel", rel).setAttribute("href", MarkupText.cleanXml(href));
    }

    private static Item item(FeedSpec.Item entry) {
        FeedInput.Article a = entry.article();
        Item item = new Item();
        item.setTitle(MarkupText.cleanXml(a.title() == null ? AtomFeedWriter.NO_TITLE : a.title()));
        item.setLink(MarkupText.cleanXml(entry.link()));
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(MarkupText.cleanXml(entry.id()));
        item.setGuid(guid);
        item.setPubDate(Date.from(a.created()));
        Description description = new Description();
        description.setType("text/html");
        description.setValue(MarkupText.cleanXml(a.abstractHtml() != null ? a.abstractHtml() : a.bodyHtml()));
        item.setDescription(description);
        Content content = new Content();
        content.setType(Content.HTML);
        content.setValue(MarkupText.cleanXml(a.bodyHtml()));
        item.setContent(content);
        List<Category> categories = new ArrayList<>();
        for (FeedSpec.Category c : entry.categories()) {
            Category category = new Category();
            category.setDomain(MarkupText.cleanXml(c.scheme()));
            category.setValue(MarkupText.cleanXml(c.term()));
            categories.add(category);
        }
        item.setCategories(categories);
        DCModuleImpl dc = new DCModuleImpl();
        dc.setCreator(MarkupText.cleanXml(a.author() == null ? AtomFeedWriter.NO_AUTHOR : a.author()));
        List<Module> modules = new ArrayList<>();
        modules.add(dc);
        item.setModules(modules);
        return item;
    }
}
