package dev.gitblog.gateway.http;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.gitblog.gateway.http.ConditionalRequest.Outcome.NOT_MODIFIED;
import static dev.gitblog.gateway.http.ConditionalRequest.Outcome.PRECONDITION_FAILED;
import static dev.gitblog.gateway.http.ConditionalRequest.Outcome.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConditionalRequestTest {

    private static final Instant MODIFIED = Instant.parse("2016-07-12T15:40:22.500Z");
    private static final String AT = "Tue, 12 Jul 2016 15:40:22 GMT";
    private static final String BEFORE = "Tue, 12 Jul 2016 15:40:21 GMT";
    private static final String AFTER = "Tue, 12 Jul 2016 15:40:23 GMT";
    private static final String TAG = "\"abc\"";
    private static final String GZ_TAG = "\"abc-gzip\"";

    private static ConditionalRequest.Outcome eval(String ifMatch, String ius, String inm, String ims) {
        return ConditionalRequest.evaluate(ifMatch, ius, inm, ims, MODIFIED, TAG, GZ_TAG);
    }

    @Test
    void noPreconditionProceeds() {
        assertEquals(PROCEED, eval(null, null, null, null));
    }

    @Test
    void ifMatchComparesStrongly() {
        assertEquals(PROCEED, eval(TAG, null, null, null));
        assertEquals(PROCEED, eval("\"x\", " + GZ_TAG, null, null, null));
        assertEquals(PROCEED, eval("*", null, null, null));
        assertEquals(PRECONDITION_FAILED, eval("\"x\"", null, null, null));
        assertEquals(PRECONDITION_FAILED, eval("W/" + TAG, null, null, null));
    }

    @Test
    void ifUnmodifiedSinceFailsWhenModifiedLater() {
        assertEquals(PROCEED, eval(null, AT, null, null));
        assertEquals(PROCEED, eval(null, AFTER, null, null));
        assertEquals(PRECONDITION_FAILED, eval(null, BEFORE, null, null));
        assertEquals(PROCEED, eval(null, "yesterday", null, null), "not a date: ignored");
    }

    @Test
    void ifMatchTakesPrecedenceOverIfUnmodifiedSince() {
        assertEquals(PROCEED, eval(TAG, BEFORE, null, null));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertEquals(NOT_MODIFIED, eval(null, null, TAG, null));
        assertEquals(NOT_MODIFIED, eval(null, null, "W/" + GZ_TAG, null));
        assertEquals(NOT_MODIFIED, eval(null, null, "*", null));
        assertEquals(PROCEED, eval(null, null, "\"x\"", null));
    }

    @Test
    void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
        assertEquals(NOT_MODIFIED, eval(null, null, null, AT));
        assertEquals(NOT_MODIFIED, eval(null, null, null, AFTER));
        assertEquals(PROCEED, eval(null, null, null, BEFORE));
        assertEquals(PROCEED, eval(null, null, "\"x\"", AFTER), "If-None-Match decides");
        assertEquals(PROCEED, eval(null, null, null, "garbage"));
    }

    @Test
    void preconditionFailureComesBeforeNotModified() {
        assertEquals(PRECONDITION_FAILED, eval("\"x\"", null, TAG, null));
    }

    @Test
    void withoutLastModifiedDatesAreIgnored() {
        assertEquals(PROCEED, ConditionalRequest.evaluate(null, BEFORE, null, AFTER, null, TAG));
    }

    @Test
    void ifRangeNeedsTheStrongTagOrTheExactDate() {
        assertTrue(ConditionalRequest.rangeApplies(null, TAG, MODIFIED));
        assertTrue(ConditionalRequest.rangeApplies(TAG, TAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies("\"x\"", TAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies("W/" + TAG, TAG, MODIFIED));
        assertTrue(ConditionalRequest.rangeApplies(AT, TAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies(AFTER, TAG, MODIFIED));
        assertFalse(ConditionalRequest.rangeApplies(AT, TAG, null));
        assertFalse(ConditionalRequest.rangeApplies("garbage", TAG, MODIFIED));
    }
}
