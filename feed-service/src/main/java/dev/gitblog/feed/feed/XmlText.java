package dev.gitblog.feed.feed;

/**
 * Text made safe for XML 1.0: every character XML forbids (control characters other than TAB, LF
 * and CR, lone surrogates, U+FFFE and U+FFFF) becomes U+FFFD, as Canopy's serializer does; and the
 * escaping of §3.6 ({@code & < > "} escaped, {@code '} kept).
 */
public final class XmlText {

    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /** {@code s} with every character XML 1.0 forbids replaced by U+FFFD; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            int width = 1;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                width = ok ? 2 : 1;
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                if (ok) {
                    out.append(s, i, i + width);
                } else {
                    out.append(REPLACEMENT);
                }
            }
            i += width - 1;
        }
        return out == null ? s : out.toString();
    }

    /** Escapes {@code & < > "} for text and attribute values (the caller cleans first). */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
