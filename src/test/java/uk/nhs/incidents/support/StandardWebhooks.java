package uk.nhs.incidents.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check of a delivery, written from the Standard Webhooks specification and apart from the service's
 * signing code: the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret's bytes after
 * {@code whsec_}, must equal one of the {@code v1,} signatures of the space-separated header.
 */
public final class StandardWebhooks {

    private StandardWebhooks() {
    }

    public static boolean verifies(String secret, String id, String timestamp, String body, String header) {
        byte[] expected = expected(secret, id, timestamp, body);
        return Arrays.stream(header.split(" ")).filter(s -> s.startsWith("v1,"))
                .map(s -> Base64.getDecoder().decode(s.substring(3)))
                .anyMatch(signature -> MessageDigest.isEqual(signature, expected));
    }

    private static byte[] expected(String secret, String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            return mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
