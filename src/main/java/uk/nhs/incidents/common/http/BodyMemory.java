package uk.nhs.incidents.common.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Bytes of bodies held in memory at once, per organisation and in total, reserved and released by their requests. */
final class BodyMemory {

    private final long perOrganisation;
    private final long total;
    private final Map<String, Long> held = new HashMap<>();
    private long heldInTotal;

    BodyMemory(long perOrganisation, long total) {
        this.perOrganisation = perOrganisation;
        this.total = total;
    }

    /** Reserves {@code bytes} for the organisation; else why not, with nothing reserved. */
    synchronized Optional<String> reserve(String organisation, long bytes) {
        long mine = held.getOrDefault(organisation, 0L);
        if (mine + bytes > perOrganisation) {
            return Optional.of("Your organisation's requests already have " + mine + " bytes of JSON bodies on the way,"
                    + " and this one's " + bytes + " would pass the " + perOrganisation + " it may have at once.");
        }
        if (heldInTotal + bytes > total) {
            return Optional.of("The service has as many bytes of JSON bodies on the way as it takes at once.");
        }
        held.put(organisation, mine + bytes);
        heldInTotal += bytes;
        return Optional.empty();
    }

    synchronized void release(String organisation, long bytes) {
        held.computeIfPresent(organisation, (key, mine) -> mine == bytes ? null : mine - bytes);
        heldInTotal -= bytes;
    }
}
