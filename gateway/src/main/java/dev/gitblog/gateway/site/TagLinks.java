package dev.gitblog.gateway.site;

import dev.gitblog.events.TagPaths;
import dev.gitblog.gateway.site.PageComposer.TagLink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The links to tag pages ({@code /tags/<TagPaths.segment(tag)>}), each made once per tag and kept from build
 * to build: a site has tens of tags and thousands of tagged articles. The cache is emptied when it passes
 * {@value #MAX_CACHED} tags, so a blog that renames tags on every push does not grow it without end.
 */
final class TagLinks {

    static final int MAX_CACHED = 10_000;

    private final Map<String, TagLink> cache = new HashMap<>();

    /** The links of {@code tags}, in their order. */
    List<TagLink> of(List<String> tags) {
        List<TagLink> out = new ArrayList<>(tags.size());
        for (String tag : tags) {
            out.add(of(tag));
        }
        return out;
    }

    /** The link of {@code tag}. */
    TagLink of(String tag) {
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        return cache.computeIfAbsent(tag, t -> new TagLink(t, "/" + TagPaths.tagPage(t)));
    }
}
