package uk.nhs.incidents.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretSealTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretSeal seal = SecretSeal.withKey(key(), RANDOM);

    private static String key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aSealedSecretOpensForItsSubscriptionAndDoesNotShowIt() {
        String sealed = seal.seal("whsec_abc", 7);
        assertThat(sealed).startsWith("v1:").doesNotContain("whsec").isNotEqualTo(seal.seal("whsec_abc", 7));
        assertThat(seal.open(sealed, 7)).isEqualTo("whsec_abc");
    }

    @Test
    void aSealedSecretMovedToAnotherSubscriptionAlteredOrUnderAnotherKeyDoesNotOpen() {
        String sealed = seal.seal("whsec_abc", 7);
        assertThatThrownBy(() -> seal.open(sealed, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretSeal.withKey(key(), RANDOM).open(sealed, 7))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> seal.open("v1:" + Base64.getEncoder().encodeToString(bytes), 7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> seal.open("v1:" + Base64.getEncoder().encodeToString(new byte[20]), 7))
                .as("cut short").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyThatIsNot32BytesOfBase64IsRefused() {
        assertThatThrownBy(() -> SecretSeal.withKey("not base64!", RANDOM)).hasMessageContaining("not base64");
        assertThatThrownBy(() -> SecretSeal.withKey(Base64.getEncoder().encodeToString(new byte[16]), RANDOM))
                .hasMessageContaining("must be 32 bytes");
    }
}
