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

    public static Entry entry(String json) {
        return decode(json, Entry.class, Entry.SCHEMA_VERSION);
    }

    public static RevisionMarker revision(String json) {
        return decode(json, RevisionMarker.class, RevisionMarker.SCHEMA_VERSION);
    }

    public static Fragment fragment(String json) {
        return decode(json, Fragment.class, Fragment.SCHEMA_VERSION);
    }

    public static FeedDocument feed(String json) {
        return decode(json, FeedDocument.class, FeedDocument.SCHEMA_VERSION);
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
