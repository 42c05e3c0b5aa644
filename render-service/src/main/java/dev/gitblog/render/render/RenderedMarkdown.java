package dev.gitblog.render.render;

/**
 * The result of rendering one article (or one preview).
 *
 * @param bodyHtml     the body as HTML; when {@link #error} is set, an HTML notice instead
 * @param abstractHtml the abstract as HTML, or null when there is none (or on error)
 * @param facts        excerpt, headings, local links and images (empty on error)
 * @param error        null, or why rendering failed
 */
public record RenderedMarkdown(String bodyHtml, String abstractHtml, DocumentFacts facts, String error) {

    public boolean failed() {
        return error != null;
    }
}
