package uk.nhs.incidents.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Tokens this instance verified lately, so that a client sending the same token with every request does not have
 * its signature checked and its claims parsed again each time (an RSA verification and a JSON parse: 3-4 % of a
 * raise's CPU in the service, a tenth of a small read's). A token is found only as the exact string that was
 * verified, signature included, and only under the same verification settings (the context it was verified with),
 * so a changed token, or one checked against other settings, is always verified afresh; only tokens that passed
 * every check are kept; and each is kept until the earlier of its own expiry and {@code ttl} after it was verified.
 * Tokens longer than {@code maxTokenLength} are not kept, so the memory held is bounded by {@code maxEntries} times
 * that, and the claims parsed from each.
 */
final class VerifiedTokens {

    /** A verified token's principal, and the settings it was verified with. */
    private record Verified(JWTCallerPrincipal principal, Object settings) {
    }

    private final Cache<String, Verified> cache;
    private final InstantSource wallClock;
    private final int maxTokenLength;

    /**
     * @param ttl the longest a verification is reused; zero keeps none, as does a {@code maxEntries} of zero
     * @param wallClock the time a token's expiry is compared with, as the verification compares it
     * @param ticker the time the cache's entries age by
     */
    VerifiedTokens(Duration ttl, long maxEntries, int maxTokenLength, InstantSource wallClock, Ticker ticker) {
        this.wallClock = wallClock;
        this.maxTokenLength = maxTokenLength;
        this.cache = ttl.isZero() || maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries)
                .ticker(ticker).expireAfter(untilExpiryOrTtl(ttl)).build();
    }

    /**
     * The principal a token was verified as, if this instance verified it lately with the same settings (the same
     * object) and it has not expired since.
     */
    Optional<JWTCallerPrincipal> find(String token, Object settings) {
        if (cache == null) {
            return Optional.empty();
        }
        Verified known = cache.getIfPresent(token);
        // The entry's lifetime already ends at expiry; checked again on use.
        if (known == null || known.settings() != settings || expired(known.principal())) {
            return Optional.empty();
        }
        return Optional.of(known.principal());
    }

    /** Keeps a token that passed every check, unless it is too long to keep or already expired. */
    void keep(String token, Object settings, JWTCallerPrincipal principal) {
        if (cache != null && token.length() <= maxTokenLength && !expired(principal)) {
            cache.put(token, new Verified(principal, settings));
        }
    }

    private boolean expired(JWTCallerPrincipal principal) {
        return wallClock.instant().getEpochSecond() >= principal.getExpirationTime();
    }

    private Expiry<String, Verified> untilExpiryOrTtl(Duration ttl) {
        return Expiry.creating((token, verified) -> {
            long untilExpiry = verified.principal().getExpirationTime() * 1_000 - wallClock.millis();
            return untilExpiry < ttl.toMillis() ? Duration.ofMillis(Math.max(untilExpiry, 0)) : ttl;
        });
    }
}
