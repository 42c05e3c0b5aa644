package dev.gitblog.gateway.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The webhook signature {@code sha256=<hex of HMAC-SHA256(secret, body)>} and the delivery id. */
public final class Signatures {

    public static final String HEADER = "X-Blog-Signature-256";

    private Signatures() {
    }

    /** {@code sha256=<hex>}: the value of {@link #HEADER}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code header} is the signature of {@code body}, compared in constant time. */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.trim().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The delivery id of a revision sent to a target: the same on every attempt and on every replica, so a receiver
     * can drop a repeat (the first 32 hex digits of SHA-256 of {@code kind}, revision and URL).
     */
    public static String deliveryId(String kind, String revision, String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + "\n" + revision + "\n" + url).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
