package dev.gitblog.feed.feed;

import dev.gitblog.events.FeedDocument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds every feed of one revision as {@link BuiltFeed}s, keyed by feed path, in publishing
 * order ({@code atom} last). Same input, same bytes. A feed whose {@link FeedSpec} equals the one of
 * the previous build (same entries, same HTML, same dates) is not written again: its digest is reused and its
 * body is written only if asked for, so a push costs writing only the feeds it touches. The builder keeps each
 * feed's spec and digest, not its text. When a build changes many feeds (a first build, a whole history in one
 * push: 126 feeds and 24 MB of text at 5,000 posts) the common fork-join pool writes them with the calling
 * thread; the writers keep no state. Not thread-safe otherwise (one builder thread).
 */
public final class FeedBuilder {

    private record Written(FeedSpec spec, BuiltFeed.Digest digest) {
    }

    /** Changed feeds from which a build writes them in parallel; a push of one post changes a handful. */
    static final int PARALLEL_FROM = 32;

    private final FeedPlanner planner;
    private final int parallelFrom;
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
        this(feedSize, websubHub, PARALLEL_FROM);
    }

    /** As {@link #FeedBuilder(int, String)}, writing in parallel from {@code parallelFrom} changed feeds on. */
    FeedBuilder(int feedSize, String websubHub, int parallelFrom) {
        this.parallelFrom = parallelFrom;
        this.planner = new FeedPlanner(feedSize);
        this.atom = new AtomFeedWriter(websubHub);
        this.rss = new RssFeedWriter(websubHub);
        this.json = new JsonFeedWriter(websubHub);
    }

    /** The paths of the articles whose bodies {@link #build} writes (see {@link FeedPlanner#featured}). */
    public Set<String> featured(List<FeedInput.Article> articles) {
        return planner.featured(articles);
    }

    /** The articles whose bodies feed-service keeps (see {@link FeedPlanner#candidates}). */
    public Set<String> candidates(List<FeedInput.Article> articles) {
        return planner.candidates(articles);
    }

    public Map<String, BuiltFeed> build(FeedInput input, String revision) {
        List<FeedSpec> specs = planner.plan(input);
        List<FeedSpec> changed = new ArrayList<>();
        for (FeedSpec spec : specs) {
            Written before = previous.get(spec.path());
            if (before == null || !before.spec().equals(spec)) {
                changed.add(spec);
            }
        }
        Map<String, Text> texts = (changed.size() >= parallelFrom ? changed.parallelStream() : changed.stream())
                .collect(Collectors.toMap(FeedSpec::path, spec -> Text.of(write(spec))));
        Map<String, BuiltFeed> feeds = new LinkedHashMap<>();
        Map<String, Written> written = new HashMap<>();
        for (FeedSpec spec : specs) {
            Text text = texts.get(spec.path());
            BuiltFeed.Digest digest = text == null ? previous.get(spec.path()).digest() : text.digest();
            Supplier<String> body = text == null ? () -> write(spec) : text::text;
            written.put(spec.path(), new Written(spec, digest));
            feeds.put(spec.path(), new BuiltFeed(new FeedDocument(FeedDocument.SCHEMA_VERSION, spec.path(), revision,
                    spec.format().mediaType(), "", spec.items().size(), List.copyOf(spec.warnings())), digest, body));
        }
        previous = written;
        lastWritten = texts.size();
        return feeds;
    }

    /** A feed written in this build, and its digest. */
    private record Text(String text, BuiltFeed.Digest digest) {
        static Text of(String text) {
            return new Text(text, BuiltFeed.Digest.of(text));
        }
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
