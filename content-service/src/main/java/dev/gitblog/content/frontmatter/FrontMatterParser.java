package dev.gitblog.content.frontmatter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The article header, as a pure function of the file's text (docs/FORMAT.md §1.3 with the project's
 * Decisions 2-4). A tolerant superset of Canopy's parser:
 * <ul>
 * <li>the header is the block between a line {@code ---} and the next line {@code ---} (Canopy also accepts
 * {@code key: value} lines before a first {@code ---} line without an opening one; so does this);</li>
 * <li>a UTF-8 BOM and CRLF line ends are accepted, blank header lines are skipped;</li>
 * <li>the key is the text before the <em>first</em> {@code ": "}; {@code key:} with nothing after it is the
 * empty value ({@code tags:} = no tags); empty tag pieces are dropped;</li>
 * <li>title and author are optional, their absence is a warning;</li>
 * <li>{@code draft: true} or {@code published: false} makes the article a draft, never published (see
 * docs/AUTHORING.md); a value other than true/false (yes/no, on/off) keeps it a draft too, with a warning:
 * a typo must not publish a post early;</li>
 * <li>any other key is kept verbatim ({@link Article#extra()}) with a warning naming it: never an error;</li>
 * <li>{@code content:} other than {@code markdown} is an error;</li>
 * <li>a redirect is a header-less file whose first non-blank line is {@code redirect: <target>}, the target
 * a site path ({@code /About}) or an absolute http(s) URL;</li>
 * <li>as in Canopy, a file that ends right after the closing {@code ---} has no body and is an error.</li>
 * </ul>
 * Anything else is a {@link Failure} naming the line and what was expected. Never throws.
 */
public final class FrontMatterParser {

    private static final Pattern REDIRECT = Pattern.compile("^redirect:(.*)$");
    private static final Pattern URL_TARGET = Pattern.compile("^https?://[^\\s/]+\\S*$");
    private static final int SHOWN = 60;

    private FrontMatterParser() {
    }

    /** What a file is. */
    public sealed interface Parsed permits Article, Redirect, Failure {
    }

    /** The header keys this parser reads; any other key gets a warning. */
    public static final List<String> KNOWN_KEYS =
            List.of("title", "author", "author_url", "abstract", "tags", "content", "draft", "published");

    /** A parsed article: the known keys, the other keys verbatim, the markdown body, whether it is a draft. */
    public record Article(String title, String author, String authorUrl, String abstractText, List<String> tags,
                          Map<String, String> extra, String markdown, List<String> warnings, boolean draft)
            implements Parsed {

        public Article(String title, String author, String authorUrl, String abstractText, List<String> tags,
                       Map<String, String> extra, String markdown, List<String> warnings) {
            this(title, author, authorUrl, abstractText, tags, extra, markdown, warnings, false);
        }
    }

    /** A redirect file. */
    public record Redirect(String target) implements Parsed {
    }

    /** Not an article: why, and on which 1-based line (null when no single line is to blame). */
    public record Failure(String reason, Integer line) implements Parsed {
    }

    public static Parsed parse(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n");
        if (text.isBlank()) {
            return new Failure("the file is empty: an article needs a header (---, title: ..., ---) and a body", null);
        }
        String[] lines = text.split("\n", -1);
        int first = 0;
        while (lines[first].isBlank()) {
            first++;
        }
        int headerStart;
        int close;
        if (isDelimiter(lines[first])) {
            headerStart = first + 1;
            close = nextDelimiter(lines, headerStart);
            if (close < 0) {
                return new Failure("the header opened by `---` on line " + (first + 1)
                        + " is never closed: expected a line `---` after the header lines", first + 1);
            }
        } else {
            var redirect = REDIRECT.matcher(lines[first].strip());
            if (redirect.matches()) {
                return redirect(redirect.group(1).strip(), first + 1);
            }
            close = nextDelimiter(lines, first);
            if (close < 0 || !allHeaderLines(lines, first, close)) {
                return new Failure("line " + (first + 1) + ": expected the header to start with a line `---` (or the"
                        + " file to be a redirect `redirect: /Path`), found `" + shorten(lines[first]) + "`",
                        first + 1);
            }
            headerStart = first;
        }
        if (close == lines.length - 1) {
            return new Failure("line " + (close + 1) + ": nothing follows the closing `---`: expected a line break"
                    + " and the article's text after the header", close + 1);
        }
        return header(lines, headerStart, close);
    }

    private static Parsed header(String[] lines, int from, int close) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (int i = from; i < close; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] kv = keyValue(line);
            if (kv == null) {
                return new Failure("line " + (i + 1) + ": expected `key: value` in the header, found `"
                        + shorten(line) + "`", i + 1);
            }
            if (kv[0].isEmpty()) {
                return new Failure("line " + (i + 1) + ": expected a key before `:` in the header, found `"
                        + shorten(line) + "`", i + 1);
            }
            if (values.containsKey(kv[0])) {
                warnings.add("line " + (i + 1) + ": duplicate key `" + kv[0] + "` ignored (the first one, line "
                        + lineOf.get(kv[0]) + ", counts)");
                continue;
            }
            values.put(kv[0], kv[1]);
            lineOf.put(kv[0], i + 1);
        }
        String content = values.remove("content");
        if (content != null && !content.equals("markdown")) {
            return new Failure("line " + lineOf.get("content") + ": `content: " + shorten(content)
                    + "` is not supported: expected `content: markdown` or no content line", lineOf.get("content"));
        }
        String title = nonEmpty(values.remove("title"));
        String author = nonEmpty(values.remove("author"));
        String authorUrl = nonEmpty(values.remove("author_url"));
        String abstractText = nonEmpty(values.remove("abstract"));
        String tagsValue = values.remove("tags");
        List<String> tags = new ArrayList<>();
        if (tagsValue != null) {
            for (String piece : tagsValue.split(",")) {
                String tag = piece.strip();
                if (!tag.isEmpty()) {
                    tags.add(tag);
                }
            }
        }
        boolean draft = draft(values.remove("draft"), lineOf.get("draft"), true, warnings)
                | draft(values.remove("published"), lineOf.get("published"), false, warnings);
        for (String key : values.keySet()) {
            warnings.add("line " + lineOf.get(key) + ": unknown header key `" + shorten(key) + "` (not shown;"
                    + " the keys read are " + String.join(", ", KNOWN_KEYS) + ")");
        }
        if (title == null) {
            warnings.add("no title: the page has no heading and its <title> is the blog name");
        }
        if (author == null) {
            warnings.add("no author: the page shows no \"Written by\" line");
        }
        StringBuilder body = new StringBuilder();
        for (int i = close + 1; i < lines.length; i++) {
            if (i > close + 1) {
                body.append('\n');
            }
            body.append(lines[i]);
        }
        return new Article(title, author, authorUrl, abstractText, List.copyOf(tags), Map.copyOf(values),
                body.toString(), List.copyOf(warnings), draft);
    }

    /**
     * Whether a {@code draft:} ({@code draftWhen} true) or {@code published:} ({@code draftWhen} false) value
     * makes the article a draft. Absent: no. A value that is not a yes or a no: a draft, with a warning.
     */
    private static boolean draft(String value, Integer line, boolean draftWhen, List<String> warnings) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        switch (v) {
            case "true", "yes", "on" -> {
                return draftWhen;
            }
            case "false", "no", "off" -> {
                return !draftWhen;
            }
            default -> {
                warnings.add("line " + line + ": `" + (draftWhen ? "draft" : "published") + ": " + shorten(value)
                        + "` is neither true nor false: the article is kept as a draft");
                return true;
            }
        }
    }

    private static Parsed redirect(String target, int line) {
        if (target.isEmpty()) {
            return new Failure("line " + line + ": `redirect:` without a target: expected `redirect: /Path` or"
                    + " `redirect: https://...`", line);
        }
        // a site path starts with exactly one "/": "//host/..." and "/\\host" are other sites (open redirect)
        boolean sitePath = target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\");
        if (sitePath || URL_TARGET.matcher(target).matches()) {
            return new Redirect(target);
        }
        return new Failure("line " + line + ": redirect target `" + shorten(target) + "` must be a site path"
                + " starting with `/` or an absolute http(s) URL", line);
    }

    /** key = text before the first ": "; "key:" alone = empty value; null when the line has neither. */
    static String[] keyValue(String line) {
        int idx = line.indexOf(": ");
        if (idx >= 0) {
            return new String[] {line.substring(0, idx).strip(), line.substring(idx + 2).strip()};
        }
        String trimmed = line.stripTrailing();
        if (trimmed.endsWith(":") && trimmed.indexOf(':') == trimmed.length() - 1) {
            return new String[] {trimmed.substring(0, trimmed.length() - 1).strip(), ""};
        }
        return null;
    }

    private static boolean allHeaderLines(String[] lines, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!lines[i].isBlank() && keyValue(lines[i]) == null) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDelimiter(String line) {
        return line.strip().equals("---");
    }

    private static int nextDelimiter(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (isDelimiter(lines[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String shorten(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(SHOWN).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return s.codePointCount(0, s.length()) > SHOWN ? out + "..." : out.toString();
    }
}
