package uk.nhs.incidents.incident.domain;

/** The HSCIC/NHS Digital severity matrix: rows impact 1-5, columns urgency 1-5, cells severity 1-5. */
public final class SeverityMatrix {

    private static final int[][] SEVERITY = {
            {1, 1, 2, 2, 3},
            {1, 2, 2, 3, 4},
            {2, 3, 3, 4, 4},
            {3, 3, 4, 4, 5},
            {4, 5, 5, 5, 5},
    };

    private SeverityMatrix() {
    }

    public static int severity(int impact, int urgency) {
        if (impact < 1 || impact > 5 || urgency < 1 || urgency > 5) {
            throw new IllegalArgumentException("impact and urgency run from 1 to 5");
        }
        return SEVERITY[impact - 1][urgency - 1];
    }
}
