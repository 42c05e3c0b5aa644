package dev.gitblog.feed.feed;

import dev.gitblog.events.FeedDocument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds every feed of one revision as {@link FeedDocument}s, keyed by feed path, in publishing
 * order ({@code atom} last). Pure: same input, same bytes.
 */
public final class FeedBuilder {

    private final FeedPlanner planner;
    private final AtomFeedWriter atom = new AtomFeedWriter();
    private final RssFeedWriter rss = new RssFeedWriter();
    private final JsonFeedWriter json = new JsonFeedWriter();

    public FeedBuilder(int feedSize) {
        this.planner = new FeedPlanner(feedSize);
    }

    public Map<String, FeedDocument> build(FeedInput input, String revision) {
        Map<String, FeedDocument> documents = new LinkedHashMap<>();
        for (FeedSpec spec : planner.plan(input)) {
            String body = switch (spec.format()) {
                case ATOM -> atom.write(spec);
                case RSS -> rss.write(spec);
                case JSON -> json.write(spec);
            };
            documents.put(spec.path(), new FeedDocument(FeedDocument.SCHEMA_VERSION, spec.path(), revision,
                    spec.format().mediaType(), body, spec.items().size(), List.copyOf(spec.warnings())));
        }
        return documents;
    }
}
