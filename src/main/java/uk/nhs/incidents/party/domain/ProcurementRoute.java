package uk.nhs.incidents.party.domain;

/** Who bought the system (seed 004), which decides who is accountable for incident management. */
public enum ProcurementRoute {
    /** The ICB procured it through the national procurement hub or the DCS framework; the ICB is accountable. */
    COMMISSIONER,
    /** The practice bought it directly; the practice is accountable. */
    PRACTICE;

    /** Whether the ICB decides, before the contract, to support the practice: only for what the practice bought. */
    public boolean takesIcbSupport() {
        return this == PRACTICE;
    }
}
