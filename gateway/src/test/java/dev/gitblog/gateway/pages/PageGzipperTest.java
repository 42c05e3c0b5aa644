package dev.gitblog.gateway.pages;

import dev.gitblog.gateway.site.Content;
import dev.gitblog.gateway.site.ContentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageGzipperTest {

    @TempDir
    Path tmp;

    /** Pages of 0 bytes to 1.5 MB (more than one read of the gzipper's buffer), HTML-like and random. */
    private static List<byte[]> pages() {
        Random random = new Random(11);
        List<byte[]> pages = new ArrayList<>();
        pages.add(new byte[0]);
        pages.add("<p>a</p>".getBytes(StandardCharsets.UTF_8));
        for (int size : List.of(4095, 65_536, 262_144, 262_145, 1_500_000)) {
            StringBuilder html = new StringBuilder();
            while (html.length() < size) {
                html.append("<p>paragraph ").append(random.nextInt(5000)).append(" of a long post, é ü</p>\n");
            }
            pages.add(html.substring(0, size).getBytes(StandardCharsets.UTF_8));
            byte[] noise = new byte[size];
            random.nextBytes(noise);
            pages.add(noise);
        }
        return pages;
    }

    @Test
    void writesTheBytesOfTheStoresGzipForPagesInFilesAndPacks() throws IOException {
        Path pack = tmp.resolve("pack-1");
        List<byte[]> pages = pages();
        List<Content.OnDisk> regions = new ArrayList<>();
        long offset = 0;
        try (var out = Files.newOutputStream(pack)) {
            for (int i = 0; i < pages.size(); i++) {
                out.write(new byte[17]); // regions start anywhere
                offset += 17;
                out.write(pages.get(i));
                regions.add(new Content.OnDisk("p" + i, pack, offset, pages.get(i).length));
                offset += pages.get(i).length;
            }
        }
        try (PageGzipper gzipper = new PageGzipper()) {
            for (int round = 0; round < 2; round++) { // the deflater and buffer are reused
                for (int i = 0; i < pages.size(); i++) {
                    byte[] expected = ContentStore.gzip(pages.get(i));
                    assertArrayEquals(expected, gzipper.gzip(regions.get(i)), "page " + i + " in the pack");
                    assertArrayEquals(expected, gzipper.gzip(new Content.InHeap("h" + i, pages.get(i))), "in heap " + i);
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipper.gzip(regions.get(i))))) {
                        assertArrayEquals(pages.get(i), in.readAllBytes());
                    }
                }
            }
            Content.OnDisk gone = new Content.OnDisk("x", tmp.resolve("gone"), 0, 10);
            assertThrows(UncheckedIOException.class, () -> gzipper.gzip(gone));
            Content.OnDisk shortFile = new Content.OnDisk("s", pack, offset - 5, 10);
            assertThrows(UncheckedIOException.class, () -> gzipper.gzip(shortFile));
            assertArrayEquals(ContentStore.gzip(pages.get(1)), gzipper.gzip(regions.get(1)), "usable after a failure");
        }
    }
}
