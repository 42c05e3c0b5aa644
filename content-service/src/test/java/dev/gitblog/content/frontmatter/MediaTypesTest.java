package dev.gitblog.content.frontmatter;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled media type list and the project's own answers (docs/FORMAT.md §3.7). */
class MediaTypesTest {

    /** Every answer of the hand-written table this class had before it read the list: none changes. */
    static final Map<String, String> BEFORE_THE_LIST = Map.ofEntries(
            Map.entry("css", "text/css"), Map.entry("js", "application/javascript"),
            Map.entry("mjs", "application/javascript"), Map.entry("map", "application/json"),
            Map.entry("json", "application/json"), Map.entry("jsonld", "application/ld+json"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("csv", "text/csv"),
            Map.entry("rss", "application/rss+xml"), Map.entry("atom", "application/atom+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("svg", "image/svg+xml"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"), Map.entry("bmp", "image/bmp"),
            Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"), Map.entry("xml", "application/xml"), Map.entry("md", "text/markdown"),
            Map.entry("asc", "text/plain"), Map.entry("pub", "text/plain"), Map.entry("jxl", "image/jxl"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"), Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"), Map.entry("wasm", "application/wasm"));

    @Test
    void everyExtensionKnownBeforeKeepsItsMediaType() {
        BEFORE_THE_LIST.forEach((extension, type) -> assertEquals(type, MediaTypes.of("static/f." + extension),
                extension));
    }

    @Test
    void theListKnowsFarMoreThanTheOldTable() {
        assertTrue(MediaTypes.knownExtensions() > 1400, "extensions: " + MediaTypes.knownExtensions());
        assertEquals("application/epub+zip", MediaTypes.of("static/book.epub"));
        assertEquals("audio/flac", MediaTypes.of("static/a.flac"));
        assertEquals("video/quicktime", MediaTypes.of("static/clip.MOV"));
        assertEquals("application/x-7z-compressed", MediaTypes.of("static/a.7z"));
        assertEquals("image/apng", MediaTypes.of("static/a.apng"));
        assertEquals("text/calendar", MediaTypes.of("talks.ics"));
        assertEquals("text/vtt", MediaTypes.of("static/subtitles.vtt"));
        assertEquals("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                MediaTypes.of("static/cv.docx"));
    }

    @Test
    void anExtensionListedTwiceTakesTheFirstTypeAndExtensionsAreCaseInsensitive() {
        assertEquals("application/x-sh", MediaTypes.of("static/install.sh"), "listed before text/x-sh");
        assertEquals("application/vnd.eln+zip", MediaTypes.of("static/a.eln"), "listed as ELN");
    }

    @Test
    void theProjectsOwnChoicesOverrideTheList() {
        MediaTypes.PROJECT_CHOICES.forEach((extension, type) ->
                assertEquals(type, MediaTypes.of("x." + extension), extension));
        assertEquals(7, MediaTypes.PROJECT_CHOICES.size());
    }

    @Test
    void noExtensionOrAnUnknownOneIsOctetStream() {
        for (String path : new String[]{"static/LICENSE", "static/.hidden", "static/a.", "static/dir.css/file",
                "static/a.unknownext", "static/a.yaml"}) {
            assertEquals(MediaTypes.DEFAULT, MediaTypes.of(path), path);
        }
        assertFalse(MediaTypes.PROJECT_CHOICES.containsValue(MediaTypes.DEFAULT));
    }
}
