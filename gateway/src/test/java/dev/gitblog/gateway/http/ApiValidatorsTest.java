package dev.gitblog.gateway.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ApiValidatorsTest {

    @Test
    void theTagIsTheServedRevision() {
        assertEquals("\"abc\"", ApiValidators.etag("/api/articles", "abc", false));
        assertEquals("\"abc\"", ApiValidators.etag("/api/articles/Posts/ARP", "abc", true));
        assertEquals("\"abc\"", ApiValidators.etag("/api/export", "abc", true));
    }

    @Test
    void theSiteHasOneOnlyWhenCaughtUp() {
        assertEquals("\"abc\"", ApiValidators.etag("/api/site", "abc", true));
        assertNull(ApiValidators.etag("/api/site", "abc", false));
    }

    @Test
    void theEventStreamHasNone() {
        assertNull(ApiValidators.etag("/api/events", "abc", true));
        assertNull(ApiValidators.etag("/api/articles", null, true));
    }
}
