package dev.gitblog.feed.feed;

import dev.gitblog.events.FeedDocument;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds every feed of one revision as {@link BuiltFeed}s, keyed by feed path, in publishing
 * order ({@code atom} last). Same input, same bytes. A feed whose {@link FeedSpec} equals the one of
 * the previous build (same entries, same HTML, same dates) is not written again: its digest is reused and its
 * body is written only if asked for, so a push costs writing only the feeds it touches. The builder keeps each
 * feed's spec and digest, not its text. Not thread-safe (one builder thread).
 */
public final class FeedBuilder {

    private record Written(FeedSpec spec, BuiltFeed.Digest digest) {
    }

    private final FeedPlanner planner;
    private final AtomFeedWriter atom;
    private final RssFeedWriter rss;
    private final JsonFeedWriter json;
    private Map<String, Written> previous = Map.of();
    private int lastWritten;

    public FeedBuilder(int feedSize) {
        this(feedSize, null);
    }

    /** Every feed names {@code websubHub} as its hub (null: none). */
    public FeedBuilder(int feedSize, String websubHub) {
        this.planner = new FeedPlanner(feedSize);
        this.atom = new AtomFeedWriter(websubHub);
        this.rss = new RssFeedWriter(websubHub);
        this.json = new JsonFeedWriter(websubHub);
    }

    /** The paths of the articles whose bodies {@link #build} writes (see {@link FeedPlanner#featured}). */
    public Set<String> featured(List<FeedInput.Article> articles) {
        return planner.featured(articles);
    }

    public Map<String, BuiltFeed> build(FeedInput input, String revision) {
        Map<String, BuiltFeed> feeds = new LinkedHashMap<>();
        Map<String, Written> written = new HashMap<>();
        int writes = 0;
        for (FeedSpec spec : planner.plan(input)) {
            Written before = previous.get(spec.path());
            BuiltFeed.Digest digest;
            Supplier<String> body;
            if (before != null && before.spec().equals(spec)) {
                digest = before.digest();
                body = () -> write(spec);
            } else {
                String text = write(spec);
                digest = BuiltFeed.Digest.of(text);
                body = () -> text;
                writes++;
            }
            written.put(spec.path(), new Written(spec, digest));
            feeds.put(spec.path(), new BuiltFeed(new FeedDocument(FeedDocument.SCHEMA_VERSION, spec.path(), revision,
                    spec.format().mediaType(), "", spec.items().size(), List.copyOf(spec.warnings())), digest, body));
        }
        previous = written;
        lastWritten = writes;
        return feeds;
    }

    private String write(FeedSpec spec) {
        return switch (spec.format()) {
            case ATOM -> atom.write(spec);
            case RSS -> rss.write(spec);
            case JSON -> json.write(spec);
        };
    }

    /** How many feeds the last {@link #build} actually wrote (the others were unchanged). */
    public int lastWritten() {
        return lastWritten;
    }
}
