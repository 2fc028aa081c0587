package uk.nhs.incidents.evidence.domain;

/** What a piece of evidence is; each kind accepts its own content types. */
public enum EvidenceKind {
    CALL_REPORT,
    CALL_RECORDING,
    SCREENSHOT,
    LOG,
    OTHER
}
