package dev.gitblog.events;

/**
 * The one implementation of the escaping that the services apply to text they insert into HTML pages,
 * fragments and XML feeds (docs/FORMAT.md §3.1 and §3.6).
 *
 * <p>All three outputs escape the same four characters, {@code &}, {@code <}, {@code >} and {@code "}, and keep
 * the apostrophe and non-ASCII text raw (Canopy writes {@code Nhan's Blog} verbatim, and so must we). Values
 * are only ever put in double-quoted attributes, so the same escaping serves text and attribute values.
 *
 * <p>They differ, on purpose, in what becomes of the characters XML 1.0 forbids (C0 controls other than TAB,
 * LF and CR, lone surrogates, U+FFFE, U+FFFF):
 * <ul>
 *   <li>pages (the gateway, {@link #escapeHtml}) write a C0 control and DEL as a numeric reference
 *       {@code &#N;}, which HTML parsers accept, so the page still shows that something was there;</li>
 *   <li>feeds (feed-service, {@link #cleanXml} then {@link #escapeText}) must be well-formed XML 1.0, where even
 *       {@code &#1;} is an error: every forbidden character becomes U+FFFD first, as Canopy's serializer
 *       does;</li>
 *   <li>{@link #escapeText} alone (render-service's "could not be rendered" notice) touches nothing but the
 *       four characters.</li>
 * </ul>
 */
public final class MarkupText {

    /** What {@link #cleanXml} puts in place of a character XML 1.0 forbids: U+FFFD REPLACEMENT CHARACTER. */
    public static final char XML_REPLACEMENT = '\uFFFD';

    private MarkupText() {
    }

    /**
     * {@code &} {@code <} {@code >} {@code "} as {@code &amp;} {@code &lt;} {@code &gt;} {@code &quot;}; every
     * other character as it is. For text and double-quoted attribute values of HTML and of XML (a feed cleans
     * with {@link #cleanXml} first). A null value is an error.
     */
    public static String escapeText(String value) {
        return escape(value, false);
    }

    /**
     * The page escaping of docs/FORMAT.md §3.1: {@link #escapeText}, and in addition every C0 control
     * character other than TAB, LF and CR, and DEL (U+007F), as {@code &#N;} (decimal). A null value gives
     * the empty string (a missing value prints nothing).
     */
    public static String escapeHtml(String value) {
        return value == null ? "" : escape(value, true);
    }

    /**
     * {@code value} with every character XML 1.0 forbids replaced by {@link #XML_REPLACEMENT}: C0 controls
     * other than TAB, LF and CR, a high surrogate without its low one, a low surrogate alone, U+FFFE and
     * U+FFFF (docs/FORMAT.md §3.6). A valid surrogate pair stays. Null stays null.
     */
    public static String cleanXml(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok;
            int width = 1;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                width = ok ? 2 : 1;
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                if (ok) {
                    out.append(value, i, i + width);
                } else {
                    out.append(XML_REPLACEMENT);
                }
            }
            i += width - 1;
        }
        return out == null ? value : out.toString();
    }

    private static String escape(String value, boolean controlsAsReferences) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> controlsAsReferences && isControlOtherThanWhitespace(c) ? "&#" + (int) c + ";" : null;
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

    private static boolean isControlOtherThanWhitespace(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
    }
}
