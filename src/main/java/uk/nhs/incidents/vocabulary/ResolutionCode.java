package uk.nhs.incidents.vocabulary;

import java.util.EnumSet;
import java.util.Set;

/**
 * How an incident was resolved (docs/domain.md, section 3). A resolution recorded before codes existed has none, and
 * is shown and reported as {@link #UNSPECIFIED}.
 */
public enum ResolutionCode {
    /** The fault was fixed. */
    FIXED,
    /** A workaround restored the service; the fix may follow later, recorded without reopening. */
    WORKAROUND,
    /** A change of configuration, not of the system, resolved it. */
    CONFIGURATION,
    /** Another party's system was at fault and fixed it. */
    THIRD_PARTY,
    NO_FAULT_FOUND,
    USER_ERROR,
    /** The incident reports the same thing as an earlier one of the same organisation, which carries on. */
    DUPLICATE;

    /** What a resolution recorded without a code is shown and reported as. */
    public static final String UNSPECIFIED = "UNSPECIFIED";

    /** The codes a major incident's resolution takes: it is no duplicate of anything. */
    public static final Set<ResolutionCode> FOR_MAJOR_INCIDENTS = EnumSet.complementOf(EnumSet.of(DUPLICATE));
}
