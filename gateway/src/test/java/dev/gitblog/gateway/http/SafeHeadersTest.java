package dev.gitblog.gateway.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeHeadersTest {

    @Test
    void defaultsAreNosniffAndTheReferrerPolicy() {
        SafeHeaders h = SafeHeaders.of(Optional.of("strict-origin-when-cross-origin"), Optional.empty(), List.of());
        assertEquals(List.of("x-content-type-options", "referrer-policy"), h.names());
        assertEquals("nosniff", h.value("X-Content-Type-Options"));
        assertEquals("strict-origin-when-cross-origin", h.value("Referrer-Policy"));
    }

    @Test
    void theOperatorAddsAPolicyAndHeadersAndMayReplaceADefault() {
        SafeHeaders h = SafeHeaders.of(Optional.of(" "), Optional.of("default-src 'self'"),
                List.of("X-Frame-Options: DENY", "referrer-policy: no-referrer", " "));
        assertEquals("default-src 'self'", h.value("Content-Security-Policy"));
        assertEquals("DENY", h.value("X-Frame-Options"));
        assertEquals("no-referrer", h.value("Referrer-Policy"));
        assertEquals(1, h.names().stream().filter("referrer-policy"::equals).count());
    }

    @Test
    void anEmptyReferrerPolicySendsNone() {
        assertNull(SafeHeaders.of(Optional.empty(), Optional.empty(), List.of()).value("Referrer-Policy"));
    }

    @Test
    void badNamesAndValuesAreRefusedWithTheSettingNamed() {
        IllegalArgumentException noColon = assertThrows(IllegalArgumentException.class,
                () -> SafeHeaders.of(Optional.empty(), Optional.empty(), List.of("X-Frame-Options DENY")));
        assertTrue(noColon.getMessage().contains("blog.http.extra-headers"), noColon.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SafeHeaders.of(Optional.empty(), Optional.empty(), List.of("Bad Name: x")));
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> SafeHeaders.of(Optional.empty(), Optional.of("a\r\nSet-Cookie: x=1"), List.of()));
        assertTrue(split.getMessage().contains("blog.http.content-security-policy"), split.getMessage());
    }
}
