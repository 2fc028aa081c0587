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
    void productionWithoutIssuerAudienceOrKeyIsRefused() {
        assertThat(missing(Map.of())).containsExactly("mp.jwt.verify.issuer", "mp.jwt.verify.audiences",
                "mp.jwt.verify.publickey.location");
    }

    @Test
    void blankSettingsCountAsMissing() {
        assertThat(missing(Map.of("mp.jwt.verify.issuer", " ", "mp.jwt.verify.audiences", " ",
                "mp.jwt.verify.publickey.location", ""))).hasSize(3);
    }

    @Test
    void anIssuerAndAudienceWithAKeyLocationOrAnInlineKeyIsEnough() {
        assertThat(missing(Map.of("mp.jwt.verify.issuer", "https://idp", "mp.jwt.verify.audiences", "incidents",
                "mp.jwt.verify.publickey.location", "/keys/jwt.pem"))).isEmpty();
        assertThat(missing(Map.of("mp.jwt.verify.issuer", "https://idp", "mp.jwt.verify.audiences", "incidents",
                "mp.jwt.verify.publickey", "MIIB..."))).isEmpty();
    }
}
