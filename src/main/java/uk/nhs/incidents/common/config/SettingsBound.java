package uk.nhs.incidents.common.config;

import java.util.Optional;

/**
 * A bound between settings that are each valid alone, checked once both are known, as the service starts: a
 * refusal stops the start, naming the settings, rather than letting the service run into it later.
 */
public final class SettingsBound {

    private SettingsBound() {
    }

    /** Stops the start with {@code refusal}, if there is one. */
    public static void hold(Optional<String> refusal) {
        refusal.ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
    }
}
