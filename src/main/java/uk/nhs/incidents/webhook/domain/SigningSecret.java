package uk.nhs.incidents.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscription's signing secret and the signatures made with it, as the Standard Webhooks specification has them:
 * the secret is {@code whsec_} and the base64 of random bytes; a signature is {@code v1,} and the base64 of the
 * HMAC-SHA256, keyed with those bytes, of {@code id.timestamp.body}; the {@code webhook-signature} header lists one
 * per secret in use, separated by spaces.
 */
public final class SigningSecret {

    public static final String PREFIX = "whsec_";
    /** 256 bits, the HMAC-SHA256 key length, within the 24 to 64 bytes the specification allows. */
    static final int BYTES = 32;

    private SigningSecret() {
    }

    public static String generate(SecureRandom random) {
        byte[] key = new byte[BYTES];
        random.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header: a signature per secret, the newest first. */
    public static String header(List<String> secrets, String id, long timestamp, String body) {
        return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }
}
