package dev.gitblog.gateway.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorsTest {

    private static final Instant T = Instant.parse("2021-11-19T10:20:30Z");

    @Test
    void httpDateRoundTrip() {
        assertEquals("Fri, 19 Nov 2021 10:20:30 GMT", Validators.httpDate(T.plusMillis(999)));
        assertEquals(T, Validators.parseHttpDate("Fri, 19 Nov 2021 10:20:30 GMT"));
        assertNull(Validators.parseHttpDate("yesterday"));
    }

    @Test
    void ifNoneMatch() {
        assertTrue(Validators.notModified("\"abc\"", null, T, "\"abc\""));
        assertTrue(Validators.notModified("\"x\", W/\"abc\"", null, T, "\"abc\""));
        assertTrue(Validators.notModified("*", null, T, "\"abc\""));
        assertTrue(Validators.notModified("\"abc-gzip\"", null, T, "\"abc\"", "\"abc-gzip\""));
        assertFalse(Validators.notModified("\"abd\"", null, T, "\"abc\""));
        assertFalse(Validators.notModified("abc", null, T, "\"abc\""));
    }

    @Test
    void ifNoneMatchWinsOverIfModifiedSince() {
        assertFalse(Validators.notModified("\"other\"", "Fri, 19 Nov 2021 10:20:30 GMT", T, "\"abc\""));
    }

    @Test
    void ifModifiedSince() {
        assertTrue(Validators.notModified(null, "Fri, 19 Nov 2021 10:20:30 GMT", T.plusMillis(500), "\"a\""));
        assertTrue(Validators.notModified(null, "Sat, 20 Nov 2021 00:00:00 GMT", T, "\"a\""));
        assertFalse(Validators.notModified(null, "Fri, 19 Nov 2021 10:20:29 GMT", T, "\"a\""));
        assertFalse(Validators.notModified(null, "garbage", T, "\"a\""));
        assertFalse(Validators.notModified(null, "Fri, 19 Nov 2021 10:20:30 GMT", null, "\"a\""));
        assertFalse(Validators.notModified(null, null, T, "\"a\""));
    }

    @Test
    void gzip() {
        assertTrue(Validators.acceptsGzip("gzip, deflate, br"));
        assertTrue(Validators.acceptsGzip("br;q=1.0, gzip;q=0.8"));
        assertTrue(Validators.acceptsGzip("*"));
        assertFalse(Validators.acceptsGzip("gzip;q=0"));
        assertFalse(Validators.acceptsGzip("identity"));
        assertFalse(Validators.acceptsGzip(null));
        assertEquals("\"abc-gzip\"", Validators.gzipEtag("\"abc\""));
    }
}
