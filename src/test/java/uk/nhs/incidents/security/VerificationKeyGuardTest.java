package uk.nhs.incidents.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationKeyGuardTest {

    private static java.util.List<String> missing(Map<String, String> config) {
        return VerificationKeyGuard.missingSettings(name -> Optional.ofNullable(config.get(name)));
    }

    @Test
    void productionWithoutIssuerOrKeyIsRefused() {
        assertThat(missing(Map.of())).containsExactly("mp.jwt.verify.issuer", "mp.jwt.verify.publickey.location");
    }

    @Test
    void blankSettingsCountAsMissing() {
        assertThat(missing(Map.of("mp.jwt.verify.issuer", " ", "mp.jwt.verify.publickey.location", "")))
                .hasSize(2);
    }

    @Test
    void anIssuerWithAKeyLocationOrAnInlineKeyIsEnough() {
        assertThat(missing(Map.of("mp.jwt.verify.issuer", "https://idp", "mp.jwt.verify.publickey.location",
                "/keys/jwt.pem"))).isEmpty();
        assertThat(missing(Map.of("mp.jwt.verify.issuer", "https://idp", "mp.jwt.verify.publickey", "MIIB..."))).isEmpty();
    }
}
