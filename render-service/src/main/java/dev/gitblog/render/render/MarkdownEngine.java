package dev.gitblog.render.render;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/**
 * One configured commonmark-java parser and HTML renderer for one flavor and mode. Both are
 * immutable and thread-safe, so one instance serves every thread.
 *
 * <p>The output follows docs/FORMAT.md §4: CommonMark HTML with the info word verbatim in
 * {@code class="language-…"}, raw HTML passed through, {@code &quot;} in text, no heading ids,
 * URLs percent-encoded like cmark, and omd's newline before {@code </li>} ({@link TightListItemRenderer}).
 */
final class MarkdownEngine {

    private final Parser parser;
    private final HtmlRenderer renderer;

    MarkdownEngine(Flavor flavor, boolean safeHtml, int maxNesting) {
        List<Extension> extensions = flavor == Flavor.GFM
                ? List.of(TablesExtension.create(), StrikethroughExtension.create(), AutolinkExtension.create(),
                        TaskListItemsExtension.create())
                : List.of();
        this.parser = Parser.builder()
                .extensions(extensions)
                .maxOpenBlockParsers(maxNesting)
                .build();
        HtmlRenderer.Builder html = HtmlRenderer.builder()
                .extensions(extensions)
                .percentEncodeUrls(true)
                .nodeRendererFactory(TightListItemRenderer::new);
        if (safeHtml) {
            html.escapeHtml(true).sanitizeUrls(true).urlSanitizer(new SafeUrlSanitizer());
        }
        this.renderer = html.build();
    }

    Node parse(String markdown) {
        return parser.parse(markdown);
    }

    String render(Node document) {
        return renderer.render(document);
    }
}
