package uk.nhs.incidents.evidence.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a representation (RFC 9110 14.1.2): {@code bytes=0-499}, {@code bytes=500-} or
 * {@code bytes=-500}. Several ranges, other units or bad syntax are ignored, as RFC 9110 allows, and the whole
 * representation is served; a range that starts past the end cannot be satisfied, and one that ends past it is
 * clamped to the last byte, however many digits its end has.
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** @throws Unsatisfiable when the range lies wholly past the end of a {@code size}-byte representation */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = position(m.group(1));
        if (!m.group(2).isEmpty() && position(m.group(2)) < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new Unsatisfiable(size);
        }
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        return Optional.of(new ByteRange(first, last));
    }

    /**
     * A position in digits. RFC 9110 puts no bound on their number, so a position too large for a long is still
     * a position past any end: it saturates, and is then clamped or found unsatisfiable like any other.
     */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The requested range starts at or beyond the end of the representation. */
    public static class Unsatisfiable extends RuntimeException {

        private final long size;

        public Unsatisfiable(long size) {
            super("The range starts beyond the end of the " + size + "-byte content.");
            this.size = size;
        }

        public long size() {
            return size;
        }
    }
}
