package dev.gitblog.gateway.site;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The schema.org {@code BlogPosting} of an article page, as JSON text safe inside
 * {@code <script type="application/ld+json">}: besides JSON's own escaping, {@code <}, {@code >} and
 * {@code &} are written as {@code \}{@code u003c}, ... so that no value can close the script element.
 */
final class JsonLd {

    private JsonLd() {
    }

    static String blogPosting(String url, String headline, String description, String author, String authorUrl,
                              Instant published, Instant modified, List<String> keywords, String blogName) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\"@context\":\"https://schema.org\",\"@type\":\"BlogPosting\"");
        field(out, "headline", headline);
        field(out, "description", description);
        if (author != null) {
            out.append(",\"author\":{\"@type\":\"Person\"");
            field(out, "name", author);
            field(out, "url", authorUrl);
            out.append('}');
        }
        field(out, "datePublished", published == null ? null : published.truncatedTo(ChronoUnit.SECONDS).toString());
        field(out, "dateModified", modified == null ? null : modified.truncatedTo(ChronoUnit.SECONDS).toString());
        field(out, "url", url);
        field(out, "mainEntityOfPage", url);
        if (!keywords.isEmpty()) {
            out.append(",\"keywords\":[");
            for (int i = 0; i < keywords.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, keywords.get(i));
            }
            out.append(']');
        }
        out.append(",\"publisher\":{\"@type\":\"Organization\"");
        field(out, "name", blogName);
        out.append("}}");
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        if (value == null) {
            return;
        }
        out.append(",\"").append(name).append("\":");
        string(out, value);
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
