package dev.gitblog.gateway.site;

import dev.gitblog.events.MarkupText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ids on the headings of a rendered article ({@code .config/heading_ids = on}) and its table of contents
 * (header {@code toc: true}). The markdown renderer writes a heading as a bare {@code <hN>...</hN>}; each
 * gets {@code id="<slug>"}: the heading's text in lower case, letters and digits kept, runs of anything
 * else one {@code -}; a repeated slug gets {@code -2}, {@code -3}, ... in document order, so ids are
 * stable as long as the headings before them are. Headings written as raw HTML (with attributes) are left
 * as they are.
 */
final class HeadingIds {

    private static final Pattern HEADING = Pattern.compile("<h([1-6])>(.*?)</h\\1>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private HeadingIds() {
    }

    /** One heading of the table of contents. */
    record TocEntry(int level, String id, String text) {
    }

    /** The body with ids on its headings, and the headings in order. */
    record Result(String html, List<TocEntry> toc) {
    }

    static Result apply(String html) {
        Matcher m = HEADING.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        List<TocEntry> toc = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int last = 0;
        while (m.find()) {
            String text = unescape(TAG.matcher(m.group(2)).replaceAll("")).strip();
            String base = slug(text);
            String id = base;
            for (int n = 2; !seen.add(id); n++) {
                id = base + "-" + n;
            }
            out.append(html, last, m.start()).append("<h").append(m.group(1)).append(" id=\"")
                    .append(MarkupText.escapeHtml(id)).append("\">").append(m.group(2)).append("</h").append(m.group(1))
                    .append('>');
            last = m.end();
            toc.add(new TocEntry(Integer.parseInt(m.group(1)), id, text));
        }
        out.append(html, last, html.length());
        return new Result(out.toString(), List.copyOf(toc));
    }

    /** {@code <nav class="toc">} with one link per heading; empty when there is none. */
    static String tocHtml(List<TocEntry> toc) {
        if (toc.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<nav class=\"toc\"><ul>");
        for (TocEntry e : toc) {
            out.append("<li class=\"toc-h").append(e.level()).append("\"><a href=\"#")
                    .append(MarkupText.escapeHtml(e.id())).append("\">").append(MarkupText.escapeHtml(e.text()))
                    .append("</a></li>");
        }
        return out.append("</ul></nav>\n").toString();
    }

    static String slug(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean dash = false;
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (dash && !out.isEmpty()) {
                    out.append('-');
                }
                dash = false;
                out.appendCodePoint(cp);
            } else {
                dash = true;
            }
        }
        return out.isEmpty() ? "section" : out.toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
