package dev.gitblog.render.render;

import dev.gitblog.events.Fragment.Heading;
import dev.gitblog.events.LocalLinks;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway and the feeds would otherwise recompute from a parsed body: a plain-text
 * excerpt, the headings, and the site-local link targets and image sources (markdown links and
 * images, and {@code href}/{@code src} attributes of raw HTML). The tree is walked without
 * recursion, so a deeply nested document cannot overflow the stack here.
 *
 * @param excerpt     the text of the first paragraphs, blanks collapsed, at most {@link #EXCERPT_CHARS}
 *                    characters (cut at a word boundary, then "…")
 * @param headings    level and plain text of every heading, in document order
 * @param localLinks  distinct local link targets, in document order
 * @param localImages distinct local image sources, in document order
 */
public record DocumentFacts(String excerpt, List<Heading> headings, List<String> localLinks, List<String> localImages) {

    public static final int EXCERPT_CHARS = 300;

    private static final Pattern HTML_URL_ATTRIBUTE = Pattern.compile(
            "\\b(href|src)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);

    public DocumentFacts {
        headings = List.copyOf(headings);
        localLinks = List.copyOf(localLinks);
        localImages = List.copyOf(localImages);
    }

    /** Collects the facts of a parsed document. */
    public static DocumentFacts of(Node document) {
        Collector c = new Collector();
        walk(document, c);
        return new DocumentFacts(c.excerpt(), c.headings, List.copyOf(c.links), List.copyOf(c.images));
    }

    /**
     * A link target or image source is local when it names a path of this site ({@link LocalLinks#isLocal}:
     * the link report's rule, shared with the gateway and content-service).
     */
    public static boolean isLocal(String url) {
        return LocalLinks.isLocal(url);
    }

    private interface Visitor {
        void enter(Node node);

        void exit(Node node);
    }

    /** Pre-order walk with enter/exit callbacks, using the tree's own links instead of the call stack. */
    private static void walk(Node root, Visitor visitor) {
        Node node = root;
        while (true) {
            visitor.enter(node);
            Node child = node.getFirstChild();
            if (child != null) {
                node = child;
                continue;
            }
            while (true) {
                visitor.exit(node);
                if (node == root) {
                    return;
                }
                Node next = node.getNext();
                if (next != null) {
                    node = next;
                    break;
                }
                node = node.getParent();
            }
        }
    }

    private static final class Collector implements Visitor {
        final StringBuilder text = new StringBuilder();
        final List<Heading> headings = new ArrayList<>();
        final Set<String> links = new LinkedHashSet<>();
        final Set<String> images = new LinkedHashSet<>();
        int inParagraph;
        StringBuilder headingText;
        int headingLevel;

        @Override
        public void enter(Node node) {
            if (node instanceof Paragraph) {
                inParagraph++;
            } else if (node instanceof org.commonmark.node.Heading h) {
                headingText = new StringBuilder();
                headingLevel = h.getLevel();
            } else if (node instanceof Text t) {
                literal(t.getLiteral());
            } else if (node instanceof Code code) {
                literal(code.getLiteral());
            } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                literal(" ");
            } else if (node instanceof Link link) {
                addLocal(links, link.getDestination());
            } else if (node instanceof Image image) {
                addLocal(images, image.getDestination());
            } else if (node instanceof HtmlInline html) {
                scanHtml(html.getLiteral());
            } else if (node instanceof HtmlBlock html) {
                scanHtml(html.getLiteral());
            }
        }

        @Override
        public void exit(Node node) {
            if (node instanceof Paragraph) {
                inParagraph--;
                if (text.length() <= EXCERPT_CHARS) {
                    text.append(' ');
                }
            } else if (node instanceof org.commonmark.node.Heading && headingText != null) {
                headings.add(new Heading(headingLevel, collapse(headingText)));
                headingText = null;
            }
        }

        private void literal(String s) {
            if (headingText != null) {
                headingText.append(s);
            } else if (inParagraph > 0 && text.length() <= EXCERPT_CHARS) {
                text.append(s, 0, Math.min(s.length(), EXCERPT_CHARS + 1 - text.length()));
            }
        }

        private void scanHtml(String html) {
            Matcher m = HTML_URL_ATTRIBUTE.matcher(html);
            while (m.find()) {
                String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                addLocal(m.group(1).equalsIgnoreCase("src") ? images : links, value);
            }
        }

        private static void addLocal(Set<String> into, String url) {
            if (isLocal(url)) {
                into.add(url.strip());
            }
        }

        String excerpt() {
            String all = collapse(text);
            if (all.length() <= EXCERPT_CHARS) {
                return all;
            }
            int cut = all.lastIndexOf(' ', EXCERPT_CHARS);
            if (cut < EXCERPT_CHARS / 2) {
                cut = EXCERPT_CHARS;
            }
            return all.substring(0, cut).strip() + "…";
        }

        private static String collapse(CharSequence s) {
            return s.toString().replaceAll("\\s+", " ").strip();
        }
    }
}
