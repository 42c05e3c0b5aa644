package dev.gitblog.gateway.site;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** The tar.gz export: pages and static bytes, safe names, deterministic bytes, errors on short statics. */
class ExportArchiveTest {

    static final Instant T = Instant.parse("2022-11-17T15:48:30Z");

    static SiteSnapshot snapshot(Map<String, Page> exportFiles, Map<String, SiteSnapshot.StaticRef> statics) {
        return new SiteSnapshot("r1", T, new SiteSnapshot.SiteInfo("b", "http://localhost", "Posts", "urn:uuid:x",
                List.of(), List.of()), Map.of(), Map.of(), statics, Page.of("text/html; charset=UTF-8", new byte[0], T),
                List.of(), Map.of(), exportFiles);
    }

    static Page html(String s) {
        return Page.of("text/html; charset=UTF-8", s.getBytes(StandardCharsets.UTF_8), T);
    }

    static Map<String, byte[]> unpack(byte[] tgz, List<String> directories) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    directories.add(e.getName());
                } else {
                    out.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void pagesAndStaticBytesInThePagesLayout() throws IOException {
        Map<String, Page> files = new LinkedHashMap<>();
        files.put("index.html", html("<index>"));
        files.put("Posts/ARP", html("<arp>"));
        files.put("tags/package signing", html("<tag>"));
        files.put("tags/caf\u00e9", html("<cafe>"));
        byte[] png = new byte[70_000];
        for (int i = 0; i < png.length; i++) {
            png[i] = (byte) (i * 31);
        }
        Map<String, SiteSnapshot.StaticRef> statics = new LinkedHashMap<>();
        statics.put("static/img/x.png", new SiteSnapshot.StaticRef("static/img/x.png", "h1", "image/png", png.length, T));
        statics.put("static/css/style.css", new SiteSnapshot.StaticRef("static/css/style.css", "h2", "text/css", 4, T));
        SiteSnapshot s = snapshot(files, statics);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean[] closed = {false};
        OutputStream caller = new java.io.FilterOutputStream(out) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ExportArchive.write(s, ref -> new ByteArrayInputStream(ref.hash().equals("h1") ? png
                : "body".getBytes(StandardCharsets.UTF_8)), caller);
        assertFalse(closed[0], "the caller's stream stays open");

        List<String> dirs = new ArrayList<>();
        Map<String, byte[]> unpacked = unpack(out.toByteArray(), dirs);
        assertEquals(List.of("Posts/ARP", "index.html", "static/css/style.css", "static/img/x.png", "tags/caf\u00e9",
                "tags/package signing"), new ArrayList<>(unpacked.keySet()));
        assertArrayEquals(png, unpacked.get("static/img/x.png"));
        assertEquals("body", new String(unpacked.get("static/css/style.css"), StandardCharsets.UTF_8));
        assertEquals("<tag>", new String(unpacked.get("tags/package signing"), StandardCharsets.UTF_8));
        assertEquals(List.of("Posts/", "static/", "static/css/", "static/img/", "tags/"), dirs);

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ExportArchive.write(s, ref -> new ByteArrayInputStream(ref.hash().equals("h1") ? png
                : "body".getBytes(StandardCharsets.UTF_8)), again);
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "same snapshot, same archive (replicas agree)");
    }

    @Test
    void unsafeNamesAreNeverWritten() throws IOException {
        Map<String, Page> files = new LinkedHashMap<>();
        files.put("../escape", html("x"));
        files.put("a/../../b", html("x"));
        files.put("/etc/passwd", html("x"));
        files.put("tags/a\\b", html("x"));
        files.put("ok", html("fine"));
        Map<String, SiteSnapshot.StaticRef> statics = Map.of("static/../x",
                new SiteSnapshot.StaticRef("static/../x", "h", "text/plain", 1, T));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportArchive.write(snapshot(files, statics), ref -> {
            throw new AssertionError("unsafe static must not be read");
        }, out);
        assertEquals(List.of("ok"), new ArrayList<>(unpack(out.toByteArray(), new ArrayList<>()).keySet()));
    }

    @Test
    void staticOfTheWrongSizeFailsInsteadOfWritingABrokenArchive() {
        Map<String, SiteSnapshot.StaticRef> statics = Map.of("static/a.css",
                new SiteSnapshot.StaticRef("static/a.css", "h", "text/css", 10, T));
        IOException e = assertThrows(IOException.class, () -> ExportArchive.write(snapshot(Map.of(), statics),
                ref -> new ByteArrayInputStream(new byte[3]), new ByteArrayOutputStream()));
        assertTrue(e.getMessage().contains("static/a.css"), e.getMessage());
        assertThrows(IOException.class, () -> ExportArchive.write(snapshot(Map.of(), statics),
                ref -> InputStream.nullInputStream(), new ByteArrayOutputStream()));
    }
}
