package dev.gitblog.gateway.site;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * {@code .config/footer} as HTML: CommonMark, rendered like an article body (the blog's own markdown is
 * trusted as its articles are), inserted after the main content of every page.
 */
final class FooterMarkdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();

    private FooterMarkdown() {
    }

    static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }
}
