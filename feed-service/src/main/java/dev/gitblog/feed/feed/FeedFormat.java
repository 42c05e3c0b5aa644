package dev.gitblog.feed.feed;

/** The three feed formats and the media type each is served with. */
public enum FeedFormat {
    ATOM("application/atom+xml; charset=UTF-8"),
    RSS("application/rss+xml; charset=UTF-8"),
    JSON("application/feed+json; charset=UTF-8");

    private final String mediaType;

    FeedFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
