package dev.gitblog.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ByteRangeTest {

    private static ByteRange.Part part(String header, long total) {
        return assertInstanceOf(ByteRange.Part.class, ByteRange.of(header, total), header);
    }

    @Test
    void aClosedRangeIsThoseBytes() {
        ByteRange.Part p = part("bytes=0-99", 3000);
        assertEquals(0, p.first());
        assertEquals(99, p.last());
        assertEquals(100, p.length());
        assertEquals("bytes 0-99/3000", p.contentRange());
        assertEquals(1, part("bytes=0-0", 3000).length());
    }

    @Test
    void anOpenOrOverlongRangeEndsAtTheLastByte() {
        assertEquals("bytes 2990-2999/3000", part("bytes=2990-", 3000).contentRange());
        assertEquals("bytes 2990-2999/3000", part("bytes=2990-5000", 3000).contentRange());
        assertEquals("bytes 5-2999/3000", part("bytes=5-99999999999999999999999", 3000).contentRange());
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertEquals("bytes 2500-2999/3000", part("bytes=-500", 3000).contentRange());
        assertEquals("bytes 0-2999/3000", part("bytes=-5000", 3000).contentRange());
    }

    @Test
    void unitAndSpacesAreReadLeniently() {
        assertEquals("bytes 1-2/10", part(" Bytes = 1 - 2 ", 10).contentRange());
    }

    @Test
    void aRangeStartingPastTheEndIsUnsatisfiable() {
        ByteRange.Unsatisfiable u = assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=3000-", 3000));
        assertEquals("bytes */3000", u.contentRange());
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=99999999999999999999-", 3000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=-0", 3000));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=0-", 0));
        assertInstanceOf(ByteRange.Unsatisfiable.class, ByteRange.of("bytes=-5", 0));
    }

    @Test
    void anythingElseIsIgnoredAndTheWholeRepresentationSent() {
        for (String h : new String[] {null, "", "bytes", "bytes=", "bytes=-", "items=0-1", "bytes=5-1", "bytes=a-b",
                "bytes=0-1,5-6", "bytes=1-+2", "bytes=-1-2", "bytes 0-1"}) {
            assertEquals(ByteRange.WHOLE, ByteRange.of(h, 3000), String.valueOf(h));
        }
    }
}
