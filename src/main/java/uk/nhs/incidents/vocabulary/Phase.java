package uk.nhs.incidents.vocabulary;

/** Where the incident was found; test and live incidents are numbered and reported separately. */
public enum Phase {
    TEST,
    LIVE
}
