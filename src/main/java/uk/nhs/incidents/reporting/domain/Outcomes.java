package uk.nhs.incidents.reporting.domain;

/**
 * How the clocks of one kind that stopped in a period ended: met or breached, and the median and 90th percentile
 * of the time they counted (in each clock's own calendar, pauses excluded), in whole seconds.
 */
public record Outcomes(long met, long breached, Long medianSeconds, Long p90Seconds) {

    public static final Outcomes NONE = new Outcomes(0, 0, null, null);

    public long count() {
        return met + breached;
    }

    /**
     * Met as a share of outcomes, to one decimal place; {@code null} when nothing stopped. Never rounded to 100.0
     * while any was breached, nor to 0.0 while any was met: 1,999 met of 2,000 is 99.9, not a perfect record.
     */
    public Double metPercent() {
        if (count() == 0) {
            return null;
        }
        double rounded = Math.round(met * 1000.0 / count()) / 10.0;
        return breached > 0 && rounded == 100.0 ? 99.9 : met > 0 && rounded == 0.0 ? 0.1 : rounded;
    }
}
