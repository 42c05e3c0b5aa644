package dev.gitblog.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.function.ToIntFunction;

/**
 * The one JSON codec for every event. Instants are ISO-8601 strings in UTC; unknown fields are
 * ignored (a newer producer may add some); a value whose {@code schemaVersion} is newer than this
 * code understands is rejected with {@link EventFormatException} instead of being misread.
 * <p>
 * A value is read in one pass straight into its record (no tree in between: at 5,000 posts a push carries
 * about 60 MB of markdown and as much HTML, and each consumer reads it). Consumers that never use an article's
 * markdown (the gateway, feed-service) read entries with {@link #entryWithoutMarkdown}, which skips that string
 * without building it.
 * <p>
 * Every reader and {@link #encodeUtf8} also take a value as the UTF-8 bytes it is on a topic: a consumer that
 * deserializes its values as bytes lets Jackson read them once, instead of decoding each into a string first and
 * then parsing that string.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // encodeUtf8 writes a character outside the BMP (an emoji) as its four UTF-8 bytes, as encode does,
            // instead of two escaped surrogates
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    /** As {@link #MAPPER}, short string values read as {@link CanonicalStrings}: for records a service keeps. */
    private static final ObjectMapper KEPT = MAPPER.copy()
            .registerModule(new SimpleModule("canonical-strings").addDeserializer(String.class, new CanonicalStrings()));
    private static final ObjectReader ENTRY = MAPPER.readerFor(Entry.class);
    private static final ObjectReader ENTRY_WITHOUT_MARKDOWN = KEPT.copy()
            .addMixIn(Entry.Article.class, WithoutMarkdown.class).readerFor(Entry.class);
    private static final ObjectReader MARKER = MAPPER.readerFor(RevisionMarker.class);
    private static final ObjectReader FRAGMENT = KEPT.readerFor(Fragment.class);
    private static final ObjectReader FRAGMENT_WITHOUT_BODY = KEPT.copy()
            .addMixIn(Fragment.class, WithoutBody.class).readerFor(Fragment.class);
    private static final ObjectReader FEED = KEPT.readerFor(FeedDocument.class);

    /** String values up to this length are read as the JVM's one instance of their text ({@link String#intern}). */
    static final int CANONICAL_MAX_CHARS = 64;

    /**
     * Reads a short string value (a path, a revision, a content hash, a tag, an author) as the one instance the
     * JVM keeps of its text. The gateway and feed-service hold an entry and a fragment of every article, and each
     * record of a revision carries the same revision id, the fragment the entry's path and content hash, every
     * article its tags and author: read as new strings, 8.6 MB of the gateway's 22 MB of strings were copies of
     * one another at 5,000 posts (a heap dump after a cold start). Longer values (a body, an abstract) are kept
     * as they are read.
     */
    private static final class CanonicalStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = super.deserialize(p, ctxt);
            return s != null && s.length() <= CANONICAL_MAX_CHARS ? s.intern() : s;
        }
    }

    /** Leaves an article's markdown out while reading (its value is skipped, never decoded into a string). */
    @JsonIgnoreProperties({"markdown"})
    private abstract static class WithoutMarkdown {
    }

    /** Leaves a fragment's body HTML out while reading (its value is skipped, never decoded into a string). */
    @JsonIgnoreProperties({"bodyHtml"})
    private abstract static class WithoutBody {
    }

    private EventCodec() {
    }

    public static String encode(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** The event as the UTF-8 bytes of its JSON: what {@link #encode} gives, without the string in between. */
    public static byte[] encodeUtf8(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** An entry; its path and kind are required (the record checks them). */
    public static Entry entry(String json) {
        return decode(json, ENTRY, Entry.class, Entry::schemaVersion, Entry.SCHEMA_VERSION);
    }

    /** As {@link #entry(String)}, from the UTF-8 bytes of the JSON. */
    public static Entry entry(byte[] utf8) {
        return decode(utf8, ENTRY, Entry.class, Entry::schemaVersion, Entry.SCHEMA_VERSION);
    }

    /**
     * An entry as {@link Entry#withoutMarkdown()} would give it, read without decoding the markdown: for the
     * consumers that take an article's body from its fragment.
     */
    public static Entry entryWithoutMarkdown(String json) {
        return decode(json, ENTRY_WITHOUT_MARKDOWN, Entry.class, Entry::schemaVersion, Entry.SCHEMA_VERSION);
    }

    /** As {@link #entryWithoutMarkdown(String)}, from the UTF-8 bytes of the JSON: the markdown is never decoded. */
    public static Entry entryWithoutMarkdown(byte[] utf8) {
        return decode(utf8, ENTRY_WITHOUT_MARKDOWN, Entry.class, Entry::schemaVersion, Entry.SCHEMA_VERSION);
    }

    /** A marker; its source id and revision are required. */
    public static RevisionMarker revision(String json) {
        return checked(decode(json, MARKER, RevisionMarker.class, RevisionMarker::schemaVersion,
                RevisionMarker.SCHEMA_VERSION));
    }

    /** As {@link #revision(String)}, from the UTF-8 bytes of the JSON. */
    public static RevisionMarker revision(byte[] utf8) {
        return checked(decode(utf8, MARKER, RevisionMarker.class, RevisionMarker::schemaVersion,
                RevisionMarker.SCHEMA_VERSION));
    }

    private static RevisionMarker checked(RevisionMarker m) {
        require(m.sourceId(), "sourceId", RevisionMarker.class);
        require(m.revision(), "revision", RevisionMarker.class);
        return m;
    }

    /** A fragment; its path, revision and content hash are required. */
    public static Fragment fragment(String json) {
        return checked(decode(json, FRAGMENT, Fragment.class, Fragment::schemaVersion, Fragment.SCHEMA_VERSION));
    }

    /** As {@link #fragment(String)}, from the UTF-8 bytes of the JSON. */
    public static Fragment fragment(byte[] utf8) {
        return checked(decode(utf8, FRAGMENT, Fragment.class, Fragment::schemaVersion, Fragment.SCHEMA_VERSION));
    }

    /**
     * A fragment with a null {@link Fragment#bodyHtml()}, read from the UTF-8 bytes of the JSON without decoding
     * the body: for a consumer that holds the bodies of some articles only (feed-service).
     */
    public static Fragment fragmentWithoutBody(byte[] utf8) {
        return checked(decode(utf8, FRAGMENT_WITHOUT_BODY, Fragment.class, Fragment::schemaVersion,
                Fragment.SCHEMA_VERSION));
    }

    private static Fragment checked(Fragment f) {
        require(f.path(), "path", Fragment.class);
        require(f.revision(), "revision", Fragment.class);
        require(f.contentHash(), "contentHash", Fragment.class);
        return f;
    }

    /** A feed; its path, revision, media type and body are required. */
    public static FeedDocument feed(String json) {
        return checked(decode(json, FEED, FeedDocument.class, FeedDocument::schemaVersion,
                FeedDocument.SCHEMA_VERSION));
    }

    /** As {@link #feed(String)}, from the UTF-8 bytes of the JSON. */
    public static FeedDocument feed(byte[] utf8) {
        return checked(decode(utf8, FEED, FeedDocument.class, FeedDocument::schemaVersion,
                FeedDocument.SCHEMA_VERSION));
    }

    private static FeedDocument checked(FeedDocument d) {
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

    /** {@code json} is a String or the UTF-8 bytes of one. */
    private static <T> T decode(Object json, ObjectReader reader, Class<T> type, ToIntFunction<T> versionOf,
                                int understood) {
        if (json == null) {
            throw new EventFormatException("null " + type.getSimpleName() + " (a tombstone is not a value)", null);
        }
        T value;
        try {
            value = json instanceof byte[] utf8 ? reader.readValue(utf8) : reader.readValue((String) json);
        } catch (JsonProcessingException e) {
            // a newer schema may not fit this record at all: say so rather than "malformed"
            checkVersion(topLevelVersion(json), type, understood);
            throw new EventFormatException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException("malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new EventFormatException("malformed " + type.getSimpleName() + ": null", null);
        }
        checkVersion(versionOf.applyAsInt(value), type, understood);
        return value;
    }

    private static void checkVersion(int version, Class<?> type, int understood) {
        if (version < 1 || version > understood) {
            throw new EventFormatException(type.getSimpleName() + " with schemaVersion " + version
                    + " (this code understands 1.." + understood + ")", null);
        }
    }

    /** The top-level {@code schemaVersion} of a JSON object, other values skipped; 1 when there is none to read. */
    private static int topLevelVersion(Object json) {
        try (JsonParser p = json instanceof byte[] utf8 ? MAPPER.getFactory().createParser(utf8)
                : MAPPER.getFactory().createParser((String) json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return 1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("schemaVersion".equals(name) && t == JsonToken.VALUE_NUMBER_INT) {
                    return p.getIntValue();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // not JSON: reported as malformed by the caller
        }
        return 1;
    }

    /** A value on a topic that this code cannot read. */
    public static final class EventFormatException extends RuntimeException {
        public EventFormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
