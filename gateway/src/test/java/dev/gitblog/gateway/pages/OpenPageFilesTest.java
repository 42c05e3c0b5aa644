package dev.gitblog.gateway.pages;

import io.netty.channel.FileRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenPageFilesTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** What writing {@code region} to a socket would send (Netty's fallback path: transferTo a channel). */
    private static byte[] written(FileRegion region) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WritableByteChannel target = Channels.newChannel(out);
        while (region.transferred() < region.count()) {
            region.transferTo(target, region.transferred());
        }
        return out.toByteArray();
    }

    @Test
    void regionsOfOneFileShareOneDescriptor() throws IOException {
        Path a = file("a", "page a");
        OpenPageFiles files = new OpenPageFiles(8);
        FileRegion first = files.region("a", a, 6);
        FileRegion second = files.region("a", a, 6);
        assertEquals(1, files.size());
        assertArrayEquals("page a".getBytes(StandardCharsets.UTF_8), written(first));
        first.release();
        // releasing one region leaves the descriptor open for the other and for the next request
        assertArrayEquals("page a".getBytes(StandardCharsets.UTF_8), written(second));
        second.release();
        FileRegion third = files.region("a", a, 6);
        assertArrayEquals("page a".getBytes(StandardCharsets.UTF_8), written(third));
        third.release();
        assertEquals(1, files.size());
    }

    @Test
    void aForgottenFileStaysReadableUntilItsLastRegionIsReleased() throws IOException {
        Path a = file("a", "page a");
        OpenPageFiles files = new OpenPageFiles(8);
        FileRegion inFlight = files.region("a", a, 6);
        files.forget("a");
        Files.delete(a); // the sweep deletes the file; the open descriptor still reads it
        assertEquals(0, files.size());
        assertEquals(1, openDescriptors(a));
        assertArrayEquals("page a".getBytes(StandardCharsets.UTF_8), written(inFlight));
        inFlight.release();
        assertEquals(0, openDescriptors(a), "the last release closed the descriptor");
        assertThrows(NoSuchFileException.class, () -> files.region("a", a, 6), "a deleted file cannot reopen");
    }

    @Test
    void beyondTheLimitFilesAreClosedOnceTheirRegionsAreWritten() throws IOException {
        OpenPageFiles files = new OpenPageFiles(2);
        Path a = file("a", "aaa");
        Path b = file("b", "bbb");
        Path c = file("c", "ccc");
        FileRegion inFlight = files.region("a", a, 3);
        files.region("b", b, 3).release();
        files.region("c", c, 3).release();
        assertEquals(2, files.size());
        long evictedButInFlight = files.holds("a") ? 0 : 1;
        assertEquals(2 + evictedButInFlight, openDescriptors(a) + openDescriptors(b) + openDescriptors(c),
                "two files in the table, plus a while its region is in flight");
        // whichever file was evicted, a region taken before is still whole
        assertArrayEquals("aaa".getBytes(StandardCharsets.UTF_8), written(inFlight));
        inFlight.release();
        assertEquals(2, openDescriptors(a) + openDescriptors(b) + openDescriptors(c));
        files.close();
        assertEquals(0, files.size());
        assertEquals(0, openDescriptors(a) + openDescriptors(b) + openDescriptors(c), "closing closes them all");
    }

    /** Descriptors of this process open on {@code file} (Linux: the links of /proc/self/fd). */
    private static long openDescriptors(Path file) throws IOException {
        String target = file.toAbsolutePath().toString();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    return link.equals(target) || link.equals(target + " (deleted)");
                } catch (IOException gone) {
                    return false; // the descriptor of the listing itself, closed meanwhile
                }
            }).count();
        }
    }
}
