package uk.nhs.incidents.incident.domain;

/** Field names of history entries that other features read back, written once here. */
public final class HistoryFields {

    /** The field of the {@code ROUTING_CHANGED} entry a deployment edit records for a new provider or practice. */
    public static final String PROVIDER = "provider";

    /**
     * The field of the {@code ROUTING_CHANGED} entry a deployment edit records for another ICB (or none) where the
     * routing does not change: the deployment's ICB reads its incidents whether or not the routing names it.
     */
    public static final String ICB = "icb";

    /** The field of the {@code ROUTING_CHANGED} entry that records the Service Desk involving the BaRS programme. */
    public static final String BARS_PROGRAMME_INVOLVED = "barsProgrammeInvolved";

    private HistoryFields() {
    }
}
