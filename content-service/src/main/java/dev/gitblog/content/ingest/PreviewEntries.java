package dev.gitblog.content.ingest;

import dev.gitblog.content.frontmatter.EntryClassifier;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What preview shows that publishing never does, as plain articles the rest of the pipeline serves unchanged:
 * a draft becomes an ARTICLE whose title starts with {@value #DRAFT_MARK}; an article candidate that does not
 * parse becomes an ARTICLE at its own URL whose text is the reason (so the author sees it where the post
 * should be). Static and config files are left alone. Pure.
 */
public final class PreviewEntries {

    public static final String DRAFT_MARK = "[draft] ";
    public static final String INVALID_MARK = "[does not parse] ";

    private PreviewEntries() {
    }

    public static Map<String, Entry> shown(Map<String, Entry> entries) {
        Map<String, Entry> out = new TreeMap<>(entries);
        for (Entry e : entries.values()) {
            if (e.kind() == EntryKind.DRAFT && e.article() != null) {
                Entry.Article a = e.article();
                String title = DRAFT_MARK + (a.title() == null ? e.path() : a.title());
                out.put(e.path(), as(e, new Entry.Article(title, a.author(), a.authorUrl(), a.abstractText(),
                        a.tags(), a.extra(), a.markdown(), a.markdownFlavor())));
            } else if (e.kind() == EntryKind.INVALID && e.invalid() != null && !EntryClassifier.isStatic(e.path())
                    && !EntryClassifier.isConfig(e.path())) {
                out.put(e.path(), as(e, new Entry.Article(INVALID_MARK + e.path(), null, null, null, List.of(),
                        Map.of(), explanation(e), EntryClassifier.COMMONMARK)));
            }
        }
        return out;
    }

    /** Markdown that shows the reason literally (an indented code block: nothing in it is markup). */
    static String explanation(Entry e) {
        StringBuilder md = new StringBuilder("This file is not published: it does not parse")
                .append(e.invalid().line() == null ? "" : " (line " + e.invalid().line() + ")")
                .append(". The reason:\n\n");
        for (String line : e.invalid().reason().split("\n", -1)) {
            md.append("    ").append(line).append('\n');
        }
        md.append("\nOnly preview shows this page; the published site answers 404 here until the file is fixed.\n");
        return md.toString();
    }

    private static Entry as(Entry e, Entry.Article article) {
        return new Entry(e.schemaVersion(), e.path(), EntryKind.ARTICLE, e.revision(), e.contentHash(), e.created(),
                e.updated(), article, null, null, null, null, e.warnings());
    }
}
