package dev.gitblog.render.render;

import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

import java.util.Map;
import java.util.Set;

/**
 * Renders list items the way omd 2.0.0~alpha (the seed's renderer) does: the content of a
 * non-empty item always ends with a newline before {@code </li>}, so a tight item is
 * {@code <li>text\n</li>} and an item with a nested list {@code <li>a\n<ul>...}. Loose items are
 * unchanged (commonmark-java already writes {@code <li>\n<p>..</p>\n</li>}); an empty item stays
 * {@code <li></li>}. docs/FORMAT.md §4.2 and docs/DECISIONS.md Decision 1; invisible in a browser.
 */
final class TightListItemRenderer implements NodeRenderer {

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    TightListItemRenderer(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(ListItem.class);
    }

    @Override
    public void render(Node node) {
        html.tag("li", context.extendAttributes(node, "li", Map.of()));
        Node child = node.getFirstChild();
        boolean hasContent = child != null;
        while (child != null) {
            Node next = child.getNext();
            context.render(child);
            child = next;
        }
        if (hasContent) {
            html.line();
        }
        html.tag("/li");
        html.line();
    }
}
