package dev.gitblog.content.links;

import dev.gitblog.content.ingest.ContentSnapshot;
import dev.gitblog.content.ingest.IngestService;
import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.LocalLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The link report of the published revision for {@code /api/entries}, computed when the API first asks for
 * a revision and kept until the next one. Only small things are kept: the broken links of the revision, and the
 * local targets of every article body by blob id, so a new revision reads and parses only the bodies it
 * changed. The markdown itself is read back from git when needed ({@link IngestService#markdown}) and
 * dropped at once.
 */
@ApplicationScoped
public class LinkReportService {

    private static final Logger LOG = Logger.getLogger(LinkReportService.class);

    @Inject
    IngestService ingest;

    private record Report(ContentSnapshot snapshot, Map<String, List<LocalLinks.Broken>> broken) {
    }

    private volatile Report last;
    /** Blob id to the local targets of that body (links then images); only the blobs of the last report. */
    private Map<String, List<String>> targetsByBlob = new HashMap<>();

    /** Article path to its broken local links in {@code snapshot}. */
    public Map<String, List<LocalLinks.Broken>> broken(ContentSnapshot snapshot) {
        Report r = last;
        if (r != null && r.snapshot() == snapshot) {
            return r.broken();
        }
        synchronized (this) {
            r = last;
            if (r != null && r.snapshot() == snapshot) {
                return r.broken();
            }
            long start = System.nanoTime();
            Map<String, List<String>> next = new HashMap<>();
            int[] parsed = {0};
            Map<String, List<LocalLinks.Broken>> broken = BrokenLinks.of(snapshot.entries().values(), e -> {
                List<String> targets = next.computeIfAbsent(e.contentHash(), h -> {
                    List<String> known = targetsByBlob.get(h);
                    if (known != null) {
                        return known;
                    }
                    parsed[0]++;
                    return targetsOf(e);
                });
                return targets;
            });
            targetsByBlob = next;
            last = new Report(snapshot, Map.copyOf(broken));
            LOG.debugf("link report of revision %s: %d articles with broken links, %d bodies read, %d ms",
                    snapshot.revision(), broken.size(), parsed[0], (System.nanoTime() - start) / 1_000_000);
            return last.broken();
        }
    }

    /** {@code entry} as the API shows it: with a warning per broken link when it is an article. */
    public static Entry withWarnings(Entry entry, Map<String, List<LocalLinks.Broken>> broken) {
        List<LocalLinks.Broken> own = entry.kind() == EntryKind.ARTICLE ? broken.get(entry.path()) : null;
        if (own == null || own.isEmpty()) {
            return entry;
        }
        List<String> warnings = new java.util.ArrayList<>(entry.warnings());
        own.forEach(b -> warnings.add(BrokenLinks.warning(b)));
        return new Entry(entry.schemaVersion(), entry.path(), entry.kind(), entry.revision(), entry.contentHash(),
                entry.created(), entry.updated(), entry.article(), entry.redirect(), entry.config(),
                entry.staticAsset(), entry.invalid(), warnings);
    }

    private List<String> targetsOf(Entry e) {
        try {
            String markdown = ingest.markdown(e);
            return markdown == null ? List.of() : MarkdownLinks.of(markdown).all();
        } catch (Exception | StackOverflowError ex) {
            LOG.debugf("%s: links not read (%s)", e.path(), ex.toString());
            return List.of();
        }
    }
}
