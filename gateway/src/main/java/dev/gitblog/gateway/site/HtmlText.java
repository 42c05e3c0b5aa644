package dev.gitblog.gateway.site;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * The escaping of engine-generated text and attribute values (docs/FORMAT.md §3.1): {@code &}, {@code <},
 * {@code >}, {@code "} become entities; ASCII control characters other than TAB, LF and CR become
 * {@code &#N;}; the apostrophe and non-ASCII stay raw (Qute's default escaper would write {@code &#39;},
 * which the seed does not: a blog name like {@code Nhan's Blog} is shown verbatim by Canopy).
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code {value.esc}} in the templates. A null value prints nothing. */
    @TemplateExtension
    public static RawString esc(String value) {
        return new RawString(escape(value));
    }

    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? "&#" + (int) c + ";" : null;
            };
            if (rep != null) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(rep);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
