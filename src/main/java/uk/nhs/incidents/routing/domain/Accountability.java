package uk.nhs.incidents.routing.domain;

import uk.nhs.incidents.incident.domain.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;

/**
 * Who owns incident management (DOMAIN.md, Routing): for a test incident the reporter's organisation; in live
 * service the ICB when it procured the system, the practice when the practice bought it directly.
 */
public final class Accountability {

    private Accountability() {
    }

    public static String accountable(Phase phase, ProcurementRoute route, String reporter, String provider, String icb) {
        if (phase == Phase.TEST) {
            return reporter;
        }
        return route == ProcurementRoute.COMMISSIONER ? icb : provider;
    }
}
