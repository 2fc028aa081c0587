package uk.nhs.incidents.party.domain;

/** The national programme a deployment belongs to. */
public enum Programme {
    BARS,
    ONLINE_CONSULTATION
}
