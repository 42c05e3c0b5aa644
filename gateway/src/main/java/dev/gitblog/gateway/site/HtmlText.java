package dev.gitblog.gateway.site;

import dev.gitblog.events.MarkupText;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * {@code {value.esc}} in the templates: the page escaping of docs/FORMAT.md §3.1, implemented once in
 * {@link MarkupText#escapeHtml} ({@code &}, {@code <}, {@code >}, {@code "} and control characters escaped; the
 * apostrophe and non-ASCII raw). Qute's default escaper would write {@code &#39;}, which the seed does not: a
 * blog name like {@code Nhan's Blog} is shown verbatim by Canopy.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code {value.esc}} in the templates. A null value prints nothing. */
    @TemplateExtension
    public static RawString esc(String value) {
        return new RawString(MarkupText.escapeHtml(value));
    }
}
