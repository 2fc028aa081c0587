package uk.nhs.incidents.evidence.domain;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type an upload declares, as it is stored and served back to every party: its type and subtype in lower case,
 * and its charset, if it gives one, by the charset's own name. Nothing else the uploader wrote is passed on: the
 * other parameters say nothing a download needs, and a charset no one can name, or two, would let the uploader pick
 * how another party's client decodes the file.
 */
public final class DeclaredTypes {

    /**
     * RFC 9110 8.3.1: a token, and a parameter's value, a token or a quoted string. The repetitions of groups are
     * possessive ({@code *+}): {@code java.util.regex} recurses once for each repetition of a greedy one, so a header
     * of a few thousand parameters or quoted characters overflowed the stack (a 500); the grammar never needs to give
     * one back.
     */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t\\x20-\\x7E])*+\"";
    /** The type and subtype, tokens other than the wildcard. */
    private static final String NAME = "[!#$%&'+.^_`|~0-9A-Za-z-]+";
    private static final String PARAMETER = "[ \\t]*;[ \\t]*(?:(" + TOKEN + ")=(" + TOKEN + "|" + QUOTED + "))?";
    private static final Pattern MEDIA_TYPE = Pattern.compile(NAME + "/" + NAME + "(?:" + PARAMETER + ")*+");
    private static final Pattern NEXT_PARAMETER = Pattern.compile("\\G" + PARAMETER);

    private DeclaredTypes() {
    }

    /** Whether {@code header} is one media type, type/subtype with well-formed parameters if any. */
    public static boolean isMediaType(String header) {
        return MEDIA_TYPE.matcher(header).matches();
    }

    /**
     * The type as stored, of a header {@link #isMediaType}; empty when it gives a charset twice, or one the service
     * does not know.
     */
    public static Optional<String> canonical(String header) {
        int end = header.indexOf(';');
        String base = (end < 0 ? header : header.substring(0, end)).strip().toLowerCase(Locale.ROOT);
        List<String> charsets = new ArrayList<>();
        Matcher parameter = NEXT_PARAMETER.matcher(header);
        for (int at = end < 0 ? header.length() : end; at < header.length() && parameter.find(at);
                at = parameter.end()) {
            if ("charset".equalsIgnoreCase(parameter.group(1))) {
                charsets.add(unquoted(parameter.group(2)));
            }
        }
        if (charsets.isEmpty()) {
            return Optional.of(base);
        }
        return charsets.size() == 1 ? charset(charsets.get(0)).map(name -> base + "; charset=" + name)
                : Optional.empty();
    }

    private static Optional<String> charset(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name).name().toLowerCase(Locale.ROOT))
                    : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }

    private static String unquoted(String value) {
        return value.startsWith("\"") ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1") : value;
    }
}
