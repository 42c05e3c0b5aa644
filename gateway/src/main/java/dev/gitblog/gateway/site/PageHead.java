package dev.gitblog.gateway.site;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/**
 * What the opt-in additions put into a page's {@code <head>}, after Canopy's own elements: links
 * (canonical, prev/next, a tag's feeds), meta tags (OpenGraph, Twitter) and a JSON-LD block. The
 * templates escape every link and meta value; the JSON-LD text is made safe by {@link JsonLd}.
 */
@TemplateData
public record PageHead(List<Link> links, List<Meta> metas, String jsonLd) {

    public PageHead {
        links = List.copyOf(links);
        metas = List.copyOf(metas);
    }

    /** {@code <link rel href [type] [title]/>}. */
    @TemplateData
    public record Link(String rel, String href, String type, String title) {
    }

    /** {@code <meta property|name="key" content="value"/>}: {@code attribute} is property or name. */
    @TemplateData
    public record Meta(String attribute, String key, String content) {
    }

    /** Null when nothing was added, so that the page stays byte for byte Canopy's. */
    static PageHead of(List<Link> links, List<Meta> metas, String jsonLd) {
        if (links.isEmpty() && metas.isEmpty() && jsonLd == null) {
            return null;
        }
        return new PageHead(links, metas, jsonLd);
    }

    /** Collects the parts of one page's head. */
    static final class Builder {
        final List<Link> links = new ArrayList<>();
        final List<Meta> metas = new ArrayList<>();
        String jsonLd;

        Builder link(String rel, String href, String type, String title) {
            links.add(new Link(rel, href, type, title));
            return this;
        }

        Builder meta(String attribute, String key, String content) {
            if (content != null && !content.isBlank()) {
                metas.add(new Meta(attribute, key, content));
            }
            return this;
        }

        PageHead build() {
            return of(links, metas, jsonLd);
        }
    }
}
