package dev.gitblog.content.links;

import dev.gitblog.events.LocalLinks;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The local link targets and image sources of a markdown body, read with commonmark-java as render-service
 * parses it (the same library and version, the same limit on nested blocks): the destination of every
 * {@link Link} and {@link Image} node that {@link LocalLinks#isLocal} calls local. Links written as raw HTML
 * are not read here (render-service also collects {@code href}/{@code src} attributes of raw HTML, so the
 * gateway's report can name a few more). The tree is walked without recursion, so a deeply nested document
 * cannot overflow the stack. Pure and thread-safe.
 */
public final class MarkdownLinks {

    /** Most open blocks the parser keeps, as render-service's default {@code render.max-nesting}. */
    static final int MAX_NESTING = 10_000;
    private static final Parser PARSER = Parser.builder().maxOpenBlockParsers(MAX_NESTING).build();

    private MarkdownLinks() {
    }

    /** The local links and images of a body. */
    public record Targets(List<String> links, List<String> images) {
        public Targets {
            links = List.copyOf(links);
            images = List.copyOf(images);
        }

        /** Links then images, as the link report takes them. */
        public List<String> all() {
            List<String> out = new ArrayList<>(links.size() + images.size());
            out.addAll(links);
            out.addAll(images);
            return out;
        }
    }

    /** Distinct local link targets and image sources of {@code markdown}, each in document order, stripped. */
    public static Targets of(String markdown) {
        Collector collector = new Collector();
        Node root = PARSER.parse(markdown);
        Node node = root;
        while (node != null) {
            node.accept(collector); // visits this node only: the collector does not descend
            if (node.getFirstChild() != null) {
                node = node.getFirstChild();
                continue;
            }
            while (node != root && node.getNext() == null) {
                node = node.getParent();
            }
            node = node == root ? null : node.getNext();
        }
        return new Targets(List.copyOf(collector.links), List.copyOf(collector.images));
    }

    /** A visitor of {@link Link} and {@link Image} nodes that looks at one node at a time. */
    private static final class Collector extends AbstractVisitor {
        final Set<String> links = new LinkedHashSet<>();
        final Set<String> images = new LinkedHashSet<>();

        @Override
        public void visit(Link link) {
            add(links, link.getDestination());
        }

        @Override
        public void visit(Image image) {
            add(images, image.getDestination());
        }

        @Override
        protected void visitChildren(Node parent) {
            // the walk in MarkdownLinks.of goes down the tree
        }

        private static void add(Set<String> into, String destination) {
            if (LocalLinks.isLocal(destination)) {
                into.add(destination.strip());
            }
        }
    }
}
