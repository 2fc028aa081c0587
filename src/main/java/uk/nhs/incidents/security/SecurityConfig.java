package uk.nhs.incidents.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;

/** Who may hold which role beyond what the organisation table says, and how long a verified token is trusted. */
@ConfigMapping(prefix = "incidents.security")
public interface SecurityConfig {

    /**
     * ODS codes of the organisations that operate the service, the only ones whose tokens may carry the admin
     * role; they need not be registered, so that an admin can register the first organisations.
     */
    @WithDefault("X26")
    Set<String> operators();

    /** Tokens each instance keeps once verified, so that a client's repeated token is not verified on every request. */
    VerifiedTokenCache verifiedTokens();

    interface VerifiedTokenCache {

        /**
         * The longest a verification is reused (never past the token's own expiry); {@code PT0S} verifies every
         * request. A token signed by a key the service stops holding can keep passing for this long after.
         */
        @WithDefault("PT60S")
        @DurationMin(nanos = 0)
        Duration ttl();

        /** The most tokens kept at once (0 keeps none); beyond it, those least likely to be used again are dropped. */
        @WithDefault("10000")
        @PositiveOrZero
        long maxEntries();

        /** A longer token is verified on every request, so that the memory kept stays bounded. */
        @WithDefault("4096")
        @Positive
        int maxTokenLength();
    }
}
