package dev.gitblog.content.links;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.LocalLinks;
import dev.gitblog.events.RevisionPages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The link report of one revision (docs/FORMAT-ADDITIONS.md, "Link report"): for every article, the local
 * links and images that point to no page, static file or redirect of the revision. What exists is
 * {@link RevisionPages} of the revision's entries; how a target is resolved and looked up is {@link LocalLinks},
 * the rule the gateway applies to its pages. Pure.
 */
public final class BrokenLinks {

    private BrokenLinks() {
    }

    /**
     * @param entries every entry of the revision
     * @param targets the local link targets and image sources of an article entry (links first), or an empty
     *                list when its body cannot be read
     * @return article path to its broken links, in path order, then document order
     */
    public static Map<String, List<LocalLinks.Broken>> of(Collection<Entry> entries,
                                                          Function<Entry, List<String>> targets) {
        List<LocalLinks.Link> links = new ArrayList<>();
        entries.stream().filter(e -> e.kind() == EntryKind.ARTICLE && e.article() != null)
                .sorted(java.util.Comparator.comparing(Entry::path))
                .forEach(e -> targets.apply(e).forEach(t -> links.add(new LocalLinks.Link(e.path(), t))));
        if (links.isEmpty()) {
            return Map.of();
        }
        return LocalLinks.broken(RevisionPages.of(entries), links);
    }

    /** The warning an entry gets for a broken link: {@code the link Missing (/Posts/Missing) points to no ...}. */
    public static String warning(LocalLinks.Broken broken) {
        return "the link " + broken.target() + " ("
                + (broken.resolved() == null ? "above the site root" : broken.resolved())
                + ") points to no page, static file or redirect";
    }
}
