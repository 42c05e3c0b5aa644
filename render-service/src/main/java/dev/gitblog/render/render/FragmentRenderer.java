package dev.gitblog.render.render;

import dev.gitblog.events.Entry;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.MarkupText;
import org.commonmark.node.Node;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Markdown to HTML fragments: the pure core of render-service. One configured commonmark-java
 * engine per {@link Flavor}, shared by all threads; every render runs under the limits of
 * {@link RenderSettings} and never throws: a render that is too large, too slow or fails for any
 * other reason gives a result whose {@code error} is set and whose body is a short HTML notice.
 */
public final class FragmentRenderer implements AutoCloseable {

    /** Bump when the HTML for the same markdown changes: every article is re-rendered once. */
    public static final int RENDERER_VERSION = 1;

    private final RenderSettings settings;
    private final Map<Flavor, MarkdownEngine> engines = new EnumMap<>(Flavor.class);
    private final RenderGuard guard;
    /** The threads this renderer made itself and closes with itself; null when they are the service's. */
    private final RenderThreads ownThreads;

    /** Renders on the service's executor, {@code threads}, which the caller owns and closes. */
    public FragmentRenderer(RenderSettings settings, RenderThreads threads) {
        this(settings, threads, false);
    }

    /** With threads of its own ({@code settings.workers()} renders at a time), closed by {@link #close()}. */
    public FragmentRenderer(RenderSettings settings) {
        this(settings, new RenderThreads(settings.workers(), settings.stackBytes()), true);
    }

    private FragmentRenderer(RenderSettings settings, RenderThreads threads, boolean ownsThreads) {
        this.settings = settings;
        for (Flavor flavor : Flavor.values()) {
            engines.put(flavor, new MarkdownEngine(flavor, settings.safeHtml(), settings.maxNesting()));
        }
        this.guard = new RenderGuard(threads, settings.timeout());
        this.ownThreads = ownsThreads ? threads : null;
    }

    public RenderSettings settings() {
        return settings;
    }

    /** {@code r<RENDERER_VERSION>;<flavor>;<safe|trusted>}: equal keys give equal HTML for equal markdown. */
    public String renderKey(Flavor flavor) {
        return "r" + RENDERER_VERSION + ";" + flavor.key() + ";" + (settings.safeHtml() ? "safe" : "trusted");
    }

    /** Renders a body and an optional abstract (null for none) in one bounded task. */
    public RenderedMarkdown render(String body, String abstractText, Flavor flavor) {
        String markdown = body == null ? "" : body;
        long inChars = markdown.length() + (abstractText == null ? 0 : abstractText.length());
        if (Utf8.mayExceed(inChars, settings.maxBytes())) {
            long inBytes = Utf8.length(markdown) + (abstractText == null ? 0 : Utf8.length(abstractText));
            if (inBytes > settings.maxBytes()) {
                return failure("the article is " + inBytes + " bytes long, over the limit of " + settings.maxBytes()
                        + " bytes");
            }
        }
        MarkdownEngine engine = engines.get(flavor);
        try {
            return guard.run(() -> {
                Node document = engine.parse(markdown);
                String html = engine.render(document);
                long outBytes = Utf8.mayExceed(html.length(), settings.maxHtmlBytes()) ? Utf8.length(html) : 0;
                if (outBytes > settings.maxHtmlBytes()) {
                    throw new RenderGuard.RenderFailure("the rendered article is " + outBytes
                            + " bytes of HTML, over the limit of " + settings.maxHtmlBytes() + " bytes");
                }
                DocumentFacts facts = DocumentFacts.of(document);
                String abstractHtml = abstractText == null ? null : engine.render(engine.parse(abstractText));
                return new RenderedMarkdown(html, abstractHtml, facts, null);
            });
        } catch (RenderGuard.RenderFailure e) {
            return failure(e.getMessage());
        }
    }

    /** Renders an article entry into the fragment to publish for it. */
    public Fragment fragment(Entry entry) {
        Entry.Article article = entry.article();
        if (article == null) {
            throw new IllegalArgumentException(entry.path() + " is " + entry.kind() + ", not an article");
        }
        Flavor flavor = Flavor.of(article.markdownFlavor());
        RenderedMarkdown r = render(article.markdown(), article.abstractText(), flavor);
        return new Fragment(Fragment.SCHEMA_VERSION, entry.path(), entry.revision(), entry.contentHash(),
                renderKey(flavor), r.bodyHtml(), r.abstractHtml(), r.facts().excerpt(), r.facts().headings(),
                r.facts().localLinks(), r.facts().localImages(), r.error());
    }

    /** The body shown instead of the article when rendering failed. */
    public static String notice(String reason) {
        return "<div class=\"render-error\"><p>This article could not be rendered: " + MarkupText.escapeText(reason)
                + "</p></div>\n";
    }

    private static RenderedMarkdown failure(String reason) {
        return new RenderedMarkdown(notice(reason), null, new DocumentFacts("", List.of(), List.of(), List.of()),
                reason);
    }

    /** Closes the threads it made itself; the service's executor is closed by its owner. */
    @Override
    public void close() {
        if (ownThreads != null) {
            ownThreads.close();
        }
    }
}
