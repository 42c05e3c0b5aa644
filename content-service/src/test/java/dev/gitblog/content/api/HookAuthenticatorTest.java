package dev.gitblog.content.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HookAuthenticatorTest {

    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void githubDocumentedTestVector() {
        // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!"
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertEquals(expected, HookAuthenticator.signature("It's a Secret to Everybody", BODY));
        assertTrue(HookAuthenticator.accepts("It's a Secret to Everybody", BODY, expected, null));
        assertTrue(HookAuthenticator.accepts("It's a Secret to Everybody", BODY, expected.toUpperCase()
                .replace("SHA256=", "sha256="), null), "hex case does not matter");
    }

    @Test
    void wrongOrMissingSignatureIsRefused() {
        String good = HookAuthenticator.signature("s3cret", BODY);
        assertFalse(HookAuthenticator.accepts("s3cret", "other".getBytes(), good, null), "signature of another body");
        assertFalse(HookAuthenticator.accepts("other", BODY, good, null), "another secret");
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, null, null));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, "sha256=zz", null));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, good.replace("sha256=", "sha1="), null));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, "sha256=", null));
    }

    @Test
    void bearerToken() {
        assertTrue(HookAuthenticator.accepts("s3cret", BODY, null, "Bearer s3cret"));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, null, "Bearer s3cre"));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, null, "Basic s3cret"));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, "sha256=00", "Bearer wrong"));
    }

    @Test
    void gitlabToken() {
        assertTrue(HookAuthenticator.accepts("s3cret", BODY, null, null, "s3cret"));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, null, null, "s3cre"));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, null, null, "s3cret2"));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, null, null, ""));
        assertFalse(HookAuthenticator.accepts("s3cret", BODY, "sha256=00", "Bearer wrong", "wrong"));
        assertTrue(HookAuthenticator.accepts("s3cret", BODY, "sha256=00", "Bearer wrong", "s3cret"),
                "one valid credential is enough");
        assertFalse(HookAuthenticator.accepts("", BODY, null, null, ""), "no secret: not even an empty token");
    }

    @Test
    void noSecretRefusesEverything() {
        assertFalse(HookAuthenticator.accepts(null, BODY, HookAuthenticator.signature("x", BODY), "Bearer "));
        assertFalse(HookAuthenticator.accepts("", BODY, HookAuthenticator.signature("x", BODY), "Bearer "));
    }
}
