package uk.nhs.incidents.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a production build that has no token issuer, audience or verification key configured: without
 * them every request would fail at run time, or tokens minted for other services would be accepted; a
 * misconfigured deployment should fail at its first start instead.
 */
@ApplicationScoped
@IfBuildProfile("prod")
public class VerificationKeyGuard {

    static final String ISSUER = "mp.jwt.verify.issuer";
    static final String AUDIENCES = "mp.jwt.verify.audiences";
    static final String KEY = "mp.jwt.verify.publickey";
    static final String KEY_LOCATION = "mp.jwt.verify.publickey.location";

    void onStart(@Observes StartupEvent event, Config config) {
        List<String> missing = missingSettings(name -> config.getOptionalValue(name, String.class));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Token verification is not configured; set " + String.join(" and ", missing)
                    + " (environment MP_JWT_VERIFY_ISSUER, MP_JWT_VERIFY_AUDIENCES, MP_JWT_VERIFY_PUBLICKEY_LOCATION).");
        }
    }

    static List<String> missingSettings(Function<String, Optional<String>> lookup) {
        List<String> missing = new ArrayList<>();
        if (lookup.apply(ISSUER).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(ISSUER);
        }
        if (lookup.apply(AUDIENCES).filter(v -> !v.isBlank()).isEmpty()) {
            missing.add(AUDIENCES);
        }
        boolean hasKey = lookup.apply(KEY).filter(v -> !v.isBlank()).isPresent()
                || lookup.apply(KEY_LOCATION).filter(v -> !v.isBlank()).isPresent();
        if (!hasKey) {
            missing.add(KEY_LOCATION);
        }
        return missing;
    }
}
