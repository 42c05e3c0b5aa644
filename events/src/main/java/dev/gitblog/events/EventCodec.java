package dev.gitblog.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON codec for every event. Instants are ISO-8601 strings in UTC; unknown fields are
 * ignored (a newer producer may add some); a value whose {@code schemaVersion} is newer than this
 * code understands is rejected with {@link EventFormatException} instead of being misread.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventCodec() {
    }

    public static String encode(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** An entry; its path and kind are required (the record checks them). */
    public static Entry entry(String json) {
        return decode(json, Entry.class, Entry.SCHEMA_VERSION);
    }

    /** A marker; its source id and revision are required. */
    public static RevisionMarker revision(String json) {
        RevisionMarker m = decode(json, RevisionMarker.class, RevisionMarker.SCHEMA_VERSION);
        require(m.sourceId(), "sourceId", RevisionMarker.class);
        require(m.revision(), "revision", RevisionMarker.class);
        return m;
    }

    /** A fragment; its path, revision and content hash are required. */
    public static Fragment fragment(String json) {
        Fragment f = decode(json, Fragment.class, Fragment.SCHEMA_VERSION);
        require(f.path(), "path", Fragment.class);
        require(f.revision(), "revision", Fragment.class);
        require(f.contentHash(), "contentHash", Fragment.class);
        return f;
    }

    /** A feed; its path, revision, media type and body are required. */
    public static FeedDocument feed(String json) {
        FeedDocument d = decode(json, FeedDocument.class, FeedDocument.SCHEMA_VERSION);
        require(d.feedPath(), "feedPath", FeedDocument.class);
        require(d.revision(), "revision", FeedDocument.class);
        require(d.mediaType(), "mediaType", FeedDocument.class);
        require(d.body(), "body", FeedDocument.class);
        return d;
    }

    private static void require(Object field, String name, Class<?> type) {
        if (field == null) {
            throw new EventFormatException(type.getSimpleName() + " without " + name, null);
        }
    }

    /** The shared mapper, configured as above, for adapters that need to write JSON the same way. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static <T> T decode(String json, Class<T> type, int understood) {
        if (json == null) {
            throw new EventFormatException("null " + type.getSimpleName() + " (a tombstone is not a value)", null);
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            int version = tree.path("schemaVersion").asInt(0);
            if (version < 1 || version > understood) {
                throw new EventFormatException(type.getSimpleName() + " with schemaVersion " + version
                        + " (this code understands 1.." + understood + ")", null);
            }
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A value on a topic that this code cannot read. */
    public static final class EventFormatException extends RuntimeException {
        public EventFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
