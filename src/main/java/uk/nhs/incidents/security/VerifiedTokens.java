package uk.nhs.incidents.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tokens this instance verified lately, so that a client sending the same token with every request does not have
 * its signature checked and its claims parsed again each time (an RSA verification and a JSON parse, about as much
 * CPU as a small request's own work). A token is found only as the exact string that was verified, signature
 * included, so a changed token is always verified afresh; only tokens that passed every check are kept; and each is
 * kept until the earlier of its own expiry and {@code ttl} after it was verified, which bounds how long a token keeps
 * passing after the key that signed it is withdrawn. Tokens longer than {@code maxTokenLength} are not kept, so the
 * memory held is bounded by {@code maxEntries} times that.
 */
final class VerifiedTokens {

    private final Cache<String, JWTCallerPrincipal> cache;
    private final Clock wallClock;
    private final int maxTokenLength;

    /**
     * @param ttl the longest a verification is reused; zero keeps none
     * @param wallClock the time a token's expiry is compared with, as the verification compares it
     * @param ticker the time the cache's entries age by
     */
    VerifiedTokens(Duration ttl, long maxEntries, int maxTokenLength, Clock wallClock, Ticker ticker) {
        this.wallClock = wallClock;
        this.maxTokenLength = maxTokenLength;
        this.cache = ttl.isZero() || maxEntries == 0 ? null : Caffeine.newBuilder().maximumSize(maxEntries)
                .ticker(ticker).expireAfter(untilExpiryOrTtl(ttl)).build();
    }

    /** The principal a token was verified as, if this instance verified it lately and it has not expired since. */
    Optional<JWTCallerPrincipal> find(String token) {
        if (cache == null) {
            return Optional.empty();
        }
        JWTCallerPrincipal known = cache.getIfPresent(token);
        if (known == null || expired(known)) { // the entry's lifetime already ends at expiry; checked again on use
            return Optional.empty();
        }
        return Optional.of(known);
    }

    /** Keeps a token that passed every check, unless it is too long to keep or already expired. */
    void keep(String token, JWTCallerPrincipal principal) {
        if (cache != null && token.length() <= maxTokenLength && !expired(principal)) {
            cache.put(token, principal);
        }
    }

    private boolean expired(JWTCallerPrincipal principal) {
        return wallClock.instant().getEpochSecond() >= principal.getExpirationTime();
    }

    private Expiry<String, JWTCallerPrincipal> untilExpiryOrTtl(Duration ttl) {
        return Expiry.creating((token, principal) -> {
            long untilExpiry = principal.getExpirationTime() * 1_000 - wallClock.millis();
            return untilExpiry < ttl.toMillis() ? Duration.ofMillis(Math.max(untilExpiry, 0)) : ttl;
        });
    }
}
