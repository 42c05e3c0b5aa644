package dev.gitblog.content.api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Webhook authentication (ARCHITECTURE.md): HMAC-SHA256 of the raw body with the secret, sent as
 * {@code X-Hub-Signature-256: sha256=<hex>} (GitHub, Gitea, Forgejo), or the secret itself as
 * {@code Authorization: Bearer <secret>} or {@code X-Gitlab-Token: <secret>} (GitLab sends its "secret token"
 * so, unsigned). Comparisons are constant-time (digests of equal length, so not even the secret's length
 * leaks). No secret: nothing is accepted.
 */
public final class HookAuthenticator {

    private HookAuthenticator() {
    }

    public static boolean accepts(String secret, byte[] body, String signatureHeader, String authorization) {
        return accepts(secret, body, signatureHeader, authorization, null);
    }

    /** @param gitlabToken the {@code X-Gitlab-Token} header, or null */
    public static boolean accepts(String secret, byte[] body, String signatureHeader, String authorization,
                                  String gitlabToken) {
        if (secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (signatureHeader != null) {
            String sig = signatureHeader.strip();
            if (sig.regionMatches(true, 0, "sha256=", 0, 7)) {
                byte[] provided;
                try {
                    provided = HexFormat.of().parseHex(sig.substring(7).toLowerCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    provided = new byte[0];
                }
                if (MessageDigest.isEqual(hmac(key, body), provided)) {
                    return true;
                }
            }
        }
        if (authorization != null) {
            String auth = authorization.strip();
            if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                byte[] token = auth.substring(7).strip().getBytes(StandardCharsets.UTF_8);
                // compare digests: equal length, so no timing signal about the secret's length either
                if (MessageDigest.isEqual(sha256(key), sha256(token))) {
                    return true;
                }
            }
        }
        if (gitlabToken != null) {
            byte[] token = gitlabToken.strip().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(sha256(key), sha256(token));
        }
        return false;
    }

    public static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
