package uk.nhs.incidents.webhook.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals signing secrets for storage with AES-256-GCM under the service's key, which lives in configuration, not in
 * the database: a copy of the database (a backup, a read-only role, an injection) does not give what forges a
 * delivery. Each sealed value is bound to its subscription's id, so it cannot be moved to another subscription.
 * Stored as {@code v1:} and the base64 of the 12-byte nonce followed by the ciphertext and its tag.
 */
public final class SecretSeal {

    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretSeal(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** A seal with the key given as base64 of 32 bytes; anything else is refused, naming what is wrong. */
    public static SecretSeal withKey(String base64, SecureRandom random) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The webhook secret key is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The webhook secret key must be " + KEY_BYTES + " bytes (base64 of "
                    + "32 random bytes, e.g. 'openssl rand -base64 32'), not " + key.length);
        }
        return new SecretSeal(key, random);
    }

    public String seal(String secret, long subscriptionId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, subscriptionId, secret.getBytes(StandardCharsets.UTF_8));
        return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                .put(nonce).put(sealed).array());
    }

    /** The secret; a value altered, sealed under another key or for another subscription is refused. */
    public String open(String stored, long subscriptionId) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        if (all.length < NONCE_BYTES + TAG_BITS / Byte.SIZE) {
            throw new IllegalArgumentException("The sealed secret is too short to have been sealed here");
        }
        byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, subscriptionId, sealed), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, long subscriptionId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ByteBuffer.allocate(Long.BYTES).putLong(subscriptionId).array());
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The sealed secret does not open with this key for subscription "
                    + subscriptionId, e);
        }
    }
}
