package uk.nhs.incidents.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** Which verified tokens are taken again without verifying them, and for how long. */
class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-04T09:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(60);
    /** The verification settings the tokens are verified with; any object, compared by identity. */
    private static final Object SETTINGS = new Object();

    /** Wall time and the cache's ticker move together, as they do outside tests. */
    private final AtomicLong elapsedNanos = new AtomicLong();

    private VerifiedTokens tokens(Duration ttl, int maxTokenLength) {
        return new VerifiedTokens(ttl, 100, maxTokenLength, () -> START.plusNanos(elapsedNanos.get()),
                elapsedNanos::get);
    }

    private static JWTCallerPrincipal expiringAt(Instant expiry) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user@example.nhs.uk");
        claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
        return new DefaultJWTCallerPrincipal(claims);
    }

    private void wait(Duration duration) {
        elapsedNanos.addAndGet(duration.toNanos());
    }

    @Test
    void aVerifiedTokenIsFoundAgainAsTheSamePrincipal() {
        VerifiedTokens tokens = tokens(TTL, 4096);
        JWTCallerPrincipal principal = expiringAt(START.plus(Duration.ofHours(1)));
        tokens.keep("header.claims.signature", SETTINGS, principal);
        assertThat(tokens.find("header.claims.signature", SETTINGS)).containsSame(principal);
    }

    @Test
    void aTokenDifferingInAnyCharacterIsNotFound() {
        VerifiedTokens tokens = tokens(TTL, 4096);
        tokens.keep("header.claims.signature", SETTINGS, expiringAt(START.plus(Duration.ofHours(1))));
        assertThat(tokens.find("header.claims.signaturE", SETTINGS)).isEmpty();
        assertThat(tokens.find("header.claims.signature ", SETTINGS)).isEmpty();
    }

    @Test
    void aTokenVerifiedWithOtherSettingsIsNotFound() {
        VerifiedTokens tokens = tokens(TTL, 4096);
        tokens.keep("t", SETTINGS, expiringAt(START.plus(Duration.ofHours(1))));
        assertThat(tokens.find("t", new Object())).isEmpty();
    }

    @Test
    void aVerificationIsReusedForTheTtlOnlyThenVerifiedAgain() {
        VerifiedTokens tokens = tokens(TTL, 4096);
        tokens.keep("t", SETTINGS, expiringAt(START.plus(Duration.ofHours(1))));
        wait(TTL.minusMillis(1));
        assertThat(tokens.find("t", SETTINGS)).isPresent();
        wait(Duration.ofMillis(1));
        assertThat(tokens.find("t", SETTINGS)).isEmpty();
    }

    @Test
    void aTokenIsNeverFoundFromItsExpiryOnEvenWithinTheTtl() {
        VerifiedTokens tokens = tokens(TTL, 4096);
        tokens.keep("t", SETTINGS, expiringAt(START.plusSeconds(10)));
        wait(Duration.ofSeconds(9));
        assertThat(tokens.find("t", SETTINGS)).isPresent();
        wait(Duration.ofSeconds(1));
        assertThat(tokens.find("t", SETTINGS)).isEmpty();
    }

    @Test
    void anExpiredTokenIsNotKept() {
        VerifiedTokens tokens = tokens(TTL, 4096);
        tokens.keep("t", SETTINGS, expiringAt(START.minusSeconds(1)));
        assertThat(tokens.find("t", SETTINGS)).isEmpty();
    }

    @Test
    void aTokenLongerThanTheLimitIsNotKept() {
        VerifiedTokens tokens = tokens(TTL, 10);
        tokens.keep("x".repeat(11), SETTINGS, expiringAt(START.plus(Duration.ofHours(1))));
        tokens.keep("x".repeat(10), SETTINGS, expiringAt(START.plus(Duration.ofHours(1))));
        assertThat(tokens.find("x".repeat(11), SETTINGS)).isEmpty();
        assertThat(tokens.find("x".repeat(10), SETTINGS)).isPresent();
    }

    @Test
    void aTtlOfZeroKeepsNothing() {
        VerifiedTokens tokens = tokens(Duration.ZERO, 4096);
        tokens.keep("t", SETTINGS, expiringAt(START.plus(Duration.ofHours(1))));
        assertThat(tokens.find("t", SETTINGS)).isEmpty();
    }
}
