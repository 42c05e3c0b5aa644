package dev.gitblog.content.frontmatter;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A path of the blog and its bytes to what it is (docs/FORMAT.md §1.2): {@code static/**} is STATIC,
 * {@code .config/*} is CONFIG, everything else an article candidate that becomes ARTICLE, REDIRECT or
 * INVALID. Pure and total: it never throws, whatever the bytes.
 */
public final class EntryClassifier {

    public static final String COMMONMARK = "commonmark";
    public static final String GFM = "gfm";
    /** The config file whose value {@code gfm} switches the markdown flavor (docs/DECISIONS.md Decision 9). */
    public static final String MARKDOWN_CONFIG = ".config/markdown";

    private EntryClassifier() {
    }

    /** The classification of one file, without the git-derived parts (revision, hash, dates). */
    public record Classified(EntryKind kind, Entry.Article article, Entry.Redirect redirect, Entry.Config config,
                             Entry.StaticAsset staticAsset, Entry.Invalid invalid, List<String> warnings) {

        public Entry toEntry(String path, String revision, String contentHash, Instant created, Instant updated) {
            return new Entry(Entry.SCHEMA_VERSION, path, kind, revision, contentHash, created, updated,
                    article, redirect, config, staticAsset, invalid, warnings);
        }
    }

    /** Served raw whatever its bytes: {@code static/**} and {@code .well-known/**} ({@link RawFiles}). */
    public static boolean isStatic(String path) {
        return path.startsWith("static/") || RawFiles.isWellKnown(path);
    }

    public static boolean isConfig(String path) {
        return path.startsWith(".config/");
    }

    /** The flavor for articles given the value of {@code .config/markdown} (null when absent). */
    public static String markdownFlavor(String configValue) {
        return configValue != null && configValue.strip().toLowerCase(Locale.ROOT).equals(GFM) ? GFM : COMMONMARK;
    }

    /** A static file needs only its size, never its bytes. */
    public static Classified classifyStatic(String path, long size) {
        return new Classified(EntryKind.STATIC, null, null, null,
                new Entry.StaticAsset(MediaTypes.of(path), size), null, List.of());
    }

    /**
     * @param path           the site path
     * @param bytes          the file's content
     * @param markdownFlavor {@link #COMMONMARK} or {@link #GFM}, recorded on articles
     */
    public static Classified classify(String path, byte[] bytes, String markdownFlavor) {
        try {
            if (isStatic(path)) {
                return classifyStatic(path, bytes.length);
            }
            if (isConfig(path)) {
                return new Classified(EntryKind.CONFIG, null, null,
                        new Entry.Config(TextDecoding.decodeLenient(bytes).strip()), null, null, List.of());
            }
            Classified candidate = classifyCandidate(bytes, markdownFlavor);
            if (candidate.kind() == EntryKind.INVALID && RawFiles.hasMediaExtension(path)) {
                return classifyStatic(path, bytes.length); // robots.txt, favicon.ico, ... (RawFiles)
            }
            return candidate;
        } catch (RuntimeException e) {
            // the parser is total by design; this is the last line of defence, never a crash of the ingest
            return invalid("could not be read: " + e, null, List.of());
        }
    }

    /**
     * Articles larger than this are refused with a reason instead of being published: an entry carries its
     * markdown, and one record must fit the topic's message limit (8 MiB in deploy/local; JSON escaping can
     * grow text). A post of this size is almost certainly a mistake (a pasted log, a binary).
     */
    public static final int MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

    private static Classified classifyCandidate(byte[] bytes, String markdownFlavor) {
        if (bytes.length > MAX_ARTICLE_BYTES) {
            return invalid(String.format(java.util.Locale.ROOT,
                    "file too large for an article: %.1f MB (the limit is %d MB); split it, or put it under static/",
                    bytes.length / 1048576.0, MAX_ARTICLE_BYTES / 1048576), null, List.of());
        }
        TextDecoding.Decoded decoded = TextDecoding.decode(bytes);
        if (decoded.binary()) {
            return invalid("binary file (not UTF-8 text: " + decoded.binaryReason() + "): only markdown articles may"
                    + " live outside static/; move it under static/ to serve it", null, List.of());
        }
        FrontMatterParser.Parsed parsed = FrontMatterParser.parse(decoded.text());
        if (parsed instanceof FrontMatterParser.Failure f) {
            return invalid(f.reason(), f.line(), List.of());
        }
        if (parsed instanceof FrontMatterParser.Redirect r) {
            return new Classified(EntryKind.REDIRECT, null, new Entry.Redirect(r.target()), null, null, null,
                    List.of());
        }
        FrontMatterParser.Article a = (FrontMatterParser.Article) parsed;
        List<String> warnings = new ArrayList<>(a.warnings());
        if (decoded.invalidBytes() > 0) {
            warnings.add(decoded.invalidBytes() + " byte(s) are not valid UTF-8 and were read as windows-1252"
                    + " characters (U+FFFD where windows-1252 has none); save the file as UTF-8");
        }
        if (decoded.nulBytes() > 0) {
            warnings.add(decoded.nulBytes() + " NUL byte(s) were replaced by U+FFFD (NUL is not allowed in HTML)");
        }
        Entry.Article article = new Entry.Article(a.title(), a.author(), a.authorUrl(), a.abstractText(), a.tags(),
                a.extra(), a.markdown(), markdownFlavor == null ? COMMONMARK : markdownFlavor);
        return new Classified(a.draft() ? EntryKind.DRAFT : EntryKind.ARTICLE, article, null, null, null, null,
                List.copyOf(warnings));
    }

    private static Classified invalid(String reason, Integer line, List<String> warnings) {
        return new Classified(EntryKind.INVALID, null, null, null, null, new Entry.Invalid(reason, line), warnings);
    }
}
