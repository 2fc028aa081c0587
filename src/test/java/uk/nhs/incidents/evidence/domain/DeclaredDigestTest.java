package uk.nhs.incidents.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.common.problem.InvalidInputException;

class DeclaredDigestTest {

    private static final byte[] SHA_256 = sha256("Caller could not book");
    private static final String HEX = HexFormat.of().formatHex(SHA_256);
    private static final String MEMBER = "sha-256=:" + Base64.getEncoder().encodeToString(SHA_256) + ":";

    @Test
    void aSha256GivenInEitherHeaderIsTheOneDeclaredAndOtherAlgorithmsAreLeftUnchecked() {
        assertThat(DeclaredDigest.sha256(Map.of("Repr-Digest", List.of(MEMBER))))
                .contains(new DeclaredDigest.Declared("Repr-Digest", HEX));
        assertThat(DeclaredDigest.sha256(Map.of("Content-Digest", List.of("sha-512=:AAAA:, " + MEMBER + ";x=1"))))
                .contains(new DeclaredDigest.Declared("Content-Digest", HEX));
        assertThat(DeclaredDigest.sha256(Map.of("Repr-Digest", List.of(MEMBER), "Content-Digest", List.of(MEMBER))))
                .contains(new DeclaredDigest.Declared("Repr-Digest", HEX));
        assertThat(DeclaredDigest.sha256(Map.of("Repr-Digest", List.of("md5=:AAAA:")))).isEmpty();
        assertThat(DeclaredDigest.sha256(Map.of())).isEmpty();
    }

    @Test
    void twoSha256ValuesThatDisagreeAreRefusedNamingTheHeader() {
        String other = "sha-256=:" + Base64.getEncoder().encodeToString(sha256("another file")) + ":";
        assertThatThrownBy(() -> DeclaredDigest.sha256(Map.of("Repr-Digest", List.of(MEMBER),
                "Content-Digest", List.of(other)))).satisfies(refused -> assertThat(named(refused))
                .isEqualTo("Content-Digest"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "sha-256=:AAAA:", "sha-256=:A=:", "sha-256=:!!!!:", "sha-256", "SHA-256=:AAAA:",
            "sha-256=AAAA", "sha-256=:AAAA:,", "sha-256=:\u0000:"})
    void aMalformedDigestIsRefusedNamingTheHeader(String line) {
        assertThatThrownBy(() -> DeclaredDigest.sha256(Map.of("Repr-Digest", List.of(line))))
                .satisfies(refused -> assertThat(named(refused)).isEqualTo("Repr-Digest"));
    }

    /** The one field a refusal names. */
    private static String named(Throwable refused) {
        assertThat(refused).isInstanceOf(InvalidInputException.class);
        return ((InvalidInputException) refused).violations().get(0).field();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
