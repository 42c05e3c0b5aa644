package dev.gitblog.gateway.site;

import dev.gitblog.events.Fragment;
import dev.gitblog.events.LocalLinks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The link report over a snapshot: every site-local link and image of an article (as render-service collected
 * them) that points to no page, static file or redirect of the same snapshot. The rule, resolving a target
 * from the article's URL and looking it up like a request, is {@link LocalLinks} (shared with content-service);
 * here the snapshot itself says what exists, so what the report calls broken is exactly what a reader would
 * get a 404 for.
 *
 * <p>One report per assembler, from build to build: where a target leads depends only on the article's path
 * and the target, so it is worked out once per fragment (a fragment object is only replaced when a new one
 * arrives); and whether it is found depends only on the keys of the pages, static files and redirects, so an
 * article whose fragment is the same object as in the previous build keeps its broken targets unless one of its
 * targets is at a key that appeared or went since (a push that only edits articles changes none; one that adds
 * an article, one or two). What a build does not report on is forgotten.
 */
final class LinkReport {

    /**
     * A build's report.
     *
     * @param broken   article path -> its broken targets, in article order then document order
     * @param warnings one warning per broken target, in the same order
     */
    record Report(Map<String, List<String>> broken, List<String> warnings) {
    }

    /**
     * One article's local targets, as its fragment lists them (links, then images), with where each leads and
     * which of them were broken when last looked up.
     *
     * @param keys        per target, the site key it is looked up under (null: nothing is ever there)
     * @param servesFiles per target, whether a static file or a redirect at the key counts
     * @param broken      the broken targets, in document order, each once
     * @param warnings    the site warning of each broken target
     */
    private record ArticleLinks(Fragment fragment, String[] keys, boolean[] servesFiles, List<String> broken,
                                List<String> warnings) {

        ArticleLinks(String article, Fragment fragment, String[] keys, boolean[] servesFiles, List<String> broken) {
            this(fragment, keys, servesFiles, broken, broken.stream().map(t -> warning(article, t)).toList());
        }
    }

    /** The previous build's articles by path; empty before the first. */
    private Map<String, ArticleLinks> previous = Map.of();
    /** The keys the previous build's report looked up in: pages, static files, redirects; null before the first. */
    private Set<String> previousPages;
    private Set<String> previousStatics;
    private Set<String> previousRedirects;

    /** The report on the local links and images of {@code views} in {@code snapshot}. */
    Report report(SiteSnapshot snapshot, List<SiteSnapshot.ArticleView> views,
                                     Map<String, Fragment> fragments) {
        Set<String> changedKeys = previousPages == null ? null : changedKeys(snapshot);
        LocalLinks.Site site = site(snapshot);
        Map<String, String> keyInstances = new HashMap<>();
        Map<String, ArticleLinks> current = new HashMap<>(views.size() * 2);
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (SiteSnapshot.ArticleView v : views) {
            Fragment f = fragments.get(v.path());
            if (f == null) {
                continue;
            }
            ArticleLinks old = previous.get(v.path());
            ArticleLinks links;
            if (old != null && old.fragment() == f) {
                links = !touches(old.keys(), changedKeys) ? old : new ArticleLinks(v.path(), f, old.keys(),
                        old.servesFiles(), brokenOf(f, old.keys(), old.servesFiles(), site));
            } else {
                links = lookUp(v.path(), f, site, keyInstances);
            }
            current.put(v.path(), links);
            if (!links.broken().isEmpty()) {
                out.put(v.path(), links.broken());
                warnings.addAll(links.warnings());
            }
        }
        previous = current;
        previousPages = snapshot.pages().keySet();
        previousStatics = snapshot.statics().keySet();
        previousRedirects = snapshot.redirects().keySet();
        return new Report(out, warnings);
    }

    /** What the snapshot serves, as the link rule asks it. */
    static LocalLinks.Site site(SiteSnapshot snapshot) {
        return new LocalLinks.Site() {
            @Override
            public boolean hasPage(String key) {
                return snapshot.page(key).isPresent();
            }

            @Override
            public boolean hasStaticFile(String key) {
                return snapshot.staticFile(key).isPresent();
            }

            @Override
            public boolean hasRedirect(String key) {
                return snapshot.redirect(key).isPresent();
            }
        };
    }

    /**
     * The keys that are a page, static file or redirect in {@code snapshot} and were not in the previous build,
     * or the other way round: only a target at one of them can have changed between broken and found.
     */
    private Set<String> changedKeys(SiteSnapshot snapshot) {
        Set<String> changed = new HashSet<>();
        addDifference(previousPages, snapshot.pages().keySet(), changed);
        addDifference(previousStatics, snapshot.statics().keySet(), changed);
        addDifference(previousRedirects, snapshot.redirects().keySet(), changed);
        return changed;
    }

    /** Adds to {@code out} what is in one of {@code before} and {@code after} but not in the other. */
    private static void addDifference(Set<String> before, Set<String> after, Set<String> out) {
        int added = 0;
        for (String k : after) {
            if (!before.contains(k)) {
                out.add(k);
                added++;
            }
        }
        if (before.size() > after.size() - added) { // some of before are not in after
            for (String k : before) {
                if (!after.contains(k)) {
                    out.add(k);
                }
            }
        }
    }

    /** Whether one of {@code keys} is in {@code changedKeys} (null: everything changed). */
    private static boolean touches(String[] keys, Set<String> changedKeys) {
        if (changedKeys == null) {
            return true;
        }
        if (changedKeys.isEmpty()) {
            return false;
        }
        for (String key : keys) {
            if (key != null && changedKeys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Works out where each target of {@code f} leads (one key string per distinct key), and which are broken. */
    private static ArticleLinks lookUp(String article, Fragment f, LocalLinks.Site site,
                                       Map<String, String> keyInstances) {
        int n = f.localLinks().size() + f.localImages().size();
        String[] keys = new String[n];
        boolean[] servesFiles = new boolean[n];
        for (int i = 0; i < n; i++) {
            LocalLinks.Target t = LocalLinks.target(article, targetAt(f, i));
            keys[i] = t.key() == null ? null : keyInstances.computeIfAbsent(t.key(), k -> k);
            servesFiles[i] = t.servesFiles();
        }
        return new ArticleLinks(article, f, keys, servesFiles, brokenOf(f, keys, servesFiles, site));
    }

    /** The broken targets of {@code f}, each once, in document order (the rule of {@link LocalLinks#broken}). */
    private static List<String> brokenOf(Fragment f, String[] keys, boolean[] servesFiles, LocalLinks.Site site) {
        List<String> broken = null;
        for (int i = 0; i < keys.length; i++) {
            if (new LocalLinks.Target(null, keys[i], servesFiles[i]).existsIn(site)) {
                continue;
            }
            String target = targetAt(f, i);
            if (broken == null) {
                broken = new ArrayList<>(2);
            }
            if (!broken.contains(target)) {
                broken.add(target);
            }
        }
        return broken == null ? List.of() : List.copyOf(broken);
    }

    /** The site warning of a broken target. */
    static String warning(String article, String target) {
        return article + ": the link " + target + " points to no page, static file or redirect";
    }

    /** The {@code i}th local target of {@code f}: its links, then its images. */
    private static String targetAt(Fragment f, int i) {
        int links = f.localLinks().size();
        return i < links ? f.localLinks().get(i) : f.localImages().get(i - links);
    }
}
