package uk.nhs.incidents.security;

import java.util.Set;

/** Role names as they arrive in the token's {@code groups} claim (docs/domain.md, "Who may do what"). */
public final class Roles {

    public static final String PROVIDER = "provider";
    public static final String PRACTICE = "practice";
    public static final String SUPPLIER = "supplier";
    public static final String SERVICE_DESK = "service-desk";
    public static final String ICB = "icb";
    public static final String HUB = "hub";
    public static final String BARS_PROGRAMME = "bars-programme";
    public static final String CLINICAL_SAFETY_OFFICER = "clinical-safety-officer";
    public static final String ADMIN = "admin";
    public static final String REPORTING = "reporting";
    /** An organisation's system that mirrors incidents: it manages the organisation's webhooks. */
    public static final String INTEGRATION = "integration";
    /** An operator's monitoring (a Prometheus scrape): reads the metrics; acts on nothing in the API. */
    public static final String METRICS = "metrics";

    /**
     * The roles that read or act on incidents (each names a part of an incident its organisation may play, or is an
     * admin's). A token holding none of them is refused on the incidents' endpoints ({@link OnIncidents}).
     */
    public static final Set<String> ON_INCIDENTS = Set.of(PROVIDER, PRACTICE, SUPPLIER, SERVICE_DESK, ICB, HUB,
            BARS_PROGRAMME, CLINICAL_SAFETY_OFFICER, ADMIN);

    private Roles() {
    }
}
