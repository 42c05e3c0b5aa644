package dev.gitblog.feed.feed;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.gitblog.events.AuthorUrls;
import dev.gitblog.events.CanopyTime;
import dev.gitblog.events.MarkupText;
import org.jdom2.Attribute;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.Text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Atom 1.0 with Rome, written the way Canopy (Syndic) writes it (docs/FORMAT.md §3.6, docs/DECISIONS.md Decision 6):
 * Rome builds the document; this class emits its elements in Syndic's order (self link first,
 * entries with summary first and categories in reverse header order), with no XML declaration, no
 * indentation, dates in the {@code -00:00} machine form and only {@code & < > "} escaped.
 * Rome stays behind this class.
 */
public final class AtomFeedWriter {

    static final String NO_TITLE = "no title";
    static final String NO_AUTHOR = "canopy";

    private static final List<String> FEED_ORDER = List.of("link", "id", "title", "updated");
    private static final List<String> ENTRY_ORDER =
            List.of("summary", "published", "link", "content", "category", "id", "title", "updated", "author");
    private static final List<String> PERSON_ORDER = List.of("name", "uri", "email");
    private static final Map<String, Integer> ATTRIBUTE_RANK = Map.of("href", 0, "rel", 1, "scheme", 0, "term", 1);

    private final String hub;

    /** Without a WebSub hub. */
    public AtomFeedWriter() {
        this(null);
    }

    /** With {@code <link rel="hub">} after the self link when {@code hub} is not null. */
    public AtomFeedWriter(String hub) {
        this.hub = FeedLinks.hub(hub);
    }

    /** The feed as Atom XML. */
    public String write(FeedSpec spec) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(MarkupText.cleanXml(spec.id()));
        feed.setTitleEx(content(Content.TEXT, spec.title()));
        feed.setUpdated(Date.from(spec.updated()));
        feed.setOtherLinks(hub == null ? List.of(link("self", spec.selfLink()))
                : List.of(link("self", spec.selfLink()), link("hub", hub)));
        List<Entry> entries = new ArrayList<>();
        for (FeedSpec.Item item : spec.items()) {
            entries.add(entry(item));
        }
        feed.setEntries(entries);
        Document document;
        try {
            document = new WireFeedOutput().outputJDom(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the Atom feed " + spec.path(), e);
        }
        StringBuilder out = new StringBuilder(64 * 1024);
        emit(document.getRootElement(), null, out);
        return out.toString();
    }

    private static Entry entry(FeedSpec.Item item) {
        FeedInput.Article a = item.article();
        Entry entry = new Entry();
        if (a.abstractHtml() != null) {
            entry.setSummary(content(Content.HTML, a.abstractHtml()));
        }
        entry.setPublished(Date.from(a.created()));
        entry.setAlternateLinks(List.of(link("alternate", item.link())));
        entry.setContents(List.of(content(Content.HTML, a.bodyHtml())));
        List<Category> categories = new ArrayList<>();
        for (FeedSpec.Category c : item.categories()) {
            Category category = new Category();
            category.setTerm(MarkupText.cleanXml(c.term()));
            category.setScheme(MarkupText.cleanXml(c.scheme()));
            categories.add(category);
        }
        entry.setCategories(categories);
        entry.setId(MarkupText.cleanXml(item.id()));
        entry.setTitleEx(content(Content.TEXT, a.title() == null ? NO_TITLE : a.title()));
        entry.setUpdated(Date.from(a.updated()));
        Person author = new Person();
        author.setName(MarkupText.cleanXml(a.author() == null ? NO_AUTHOR : a.author()));
        String uri = AuthorUrls.forFeed(a.authorUrl(), item.link());
        if (uri != null) {
            author.setUri(MarkupText.cleanXml(uri));
        }
        List<SyndPerson> authors = List.of(author);
        entry.setAuthors(authors);
        return entry;
    }

    private static Content content(String type, String value) {
        Content c = new Content();
        c.setType(type);
        c.setValue(MarkupText.cleanXml(value));
        return c;
    }

    private static Link link(String rel, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(MarkupText.cleanXml(href));
        return link;
    }

    // ---- serialization in Syndic's order ----

    private static void emit(Element e, Namespace inherited, StringBuilder out) {
        out.append('<').append(e.getName());
        if (!e.getNamespace().equals(inherited)) {
            out.append(" xmlns=\"").append(MarkupText.escapeText(e.getNamespaceURI())).append('"');
        }
        List<Attribute> attributes = new ArrayList<>(e.getAttributes());
        attributes.sort(Comparator.comparingInt(a -> ATTRIBUTE_RANK.getOrDefault(a.getName(), 2)));
        for (Attribute a : attributes) {
            out.append(' ').append(a.getQualifiedName()).append("=\"")
                    .append(MarkupText.escapeText(MarkupText.cleanXml(a.getValue()))).append('"');
        }
        List<Element> children = ordered(e);
        String text = text(e);
        if (children.isEmpty() && text.isEmpty()) {
            out.append("/>");
            return;
        }
        out.append('>');
        out.append(MarkupText.escapeText(MarkupText.cleanXml(text)));
        for (Element child : children) {
            emit(child, e.getNamespace(), out);
        }
        out.append("</").append(e.getName()).append('>');
    }

    /** Element text; Rome's dates rewritten into the machine form {@code 2016-04-01T16:41:56-00:00}. */
    private static String text(Element e) {
        StringBuilder s = new StringBuilder();
        for (var c : e.getContent()) {
            if (c instanceof Text t) {
                s.append(t.getText());
            }
        }
        String text = s.toString();
        if ((e.getName().equals("updated") || e.getName().equals("published")) && !text.isEmpty()) {
            return CanopyTime.machine(Instant.parse(text.trim()));
        }
        return text;
    }

    private static List<Element> ordered(Element e) {
        List<Element> all = e.getChildren();
        List<String> order = switch (e.getName()) {
            case "feed" -> FEED_ORDER;
            case "entry" -> ENTRY_ORDER;
            case "author", "contributor" -> PERSON_ORDER;
            default -> List.of();
        };
        List<Element> out = new ArrayList<>(all.size());
        for (String name : order) {
            List<Element> named = new ArrayList<>(all.stream().filter(c -> c.getName().equals(name)).toList());
            if (name.equals("link")) {
                named.sort(Comparator.comparing(l -> !"self".equals(l.getAttributeValue("rel"))));
            }
            if (name.equals("category")) {
                java.util.Collections.reverse(named); // Syndic writes categories in reverse header order
            }
            out.addAll(named);
        }
        for (Element c : all) {
            if (!order.contains(c.getName()) && !c.getName().equals("entry")) {
                out.add(c);
            }
        }
        all.stream().filter(c -> c.getName().equals("entry")).forEach(out::add);
        return out;
    }
}
