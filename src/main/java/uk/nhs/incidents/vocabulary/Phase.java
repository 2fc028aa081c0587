package uk.nhs.incidents.vocabulary;

/** Where the incident was found; test and live incidents are numbered and reported separately. */
public enum Phase {
    TEST("TST"),
    LIVE("INC");

    private final String referencePrefix;

    Phase(String referencePrefix) {
        this.referencePrefix = referencePrefix;
    }

    public String referencePrefix() {
        return referencePrefix;
    }
}
