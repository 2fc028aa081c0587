package uk.nhs.incidents.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningSecretTest {

    /** The example of the Standard Webhooks specification's reference libraries. */
    @Test
    void aSignatureIsTheSpecificationsHmacOfIdTimestampAndBody() {
        assertThat(SigningSecret.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theHeaderCarriesOneSignaturePerSecretNewestFirstSeparatedBySpaces() {
        String newer = SigningSecret.generate(new SecureRandom());
        String older = SigningSecret.generate(new SecureRandom());
        assertThat(SigningSecret.header(List.of(newer, older), "42", 1700000000L, "{}")).isEqualTo(
                SigningSecret.sign(newer, "42", 1700000000L, "{}") + " " + SigningSecret.sign(older, "42", 1700000000L,
                        "{}"));
    }

    @Test
    void aSecretIsWhsecAndTheBase64Of32RandomBytes() {
        String secret = SigningSecret.generate(new SecureRandom());
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(SigningSecret.generate(new SecureRandom())).isNotEqualTo(secret);
    }
}
