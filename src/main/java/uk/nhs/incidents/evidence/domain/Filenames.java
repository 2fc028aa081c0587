package uk.nhs.incidents.evidence.domain;

import java.text.Normalizer;

/**
 * Makes an uploaded filename safe to keep and to offer back in {@code Content-Disposition}: no path, no control
 * or separator characters, at most 255 characters. The name is metadata only; nothing is ever stored under it.
 */
public final class Filenames {

    private static final int MAX_LENGTH = 255;

    private Filenames() {
    }

    /** @return the cleaned name, or empty when nothing usable remains */
    public static java.util.Optional<String> sanitise(String raw) {
        if (raw == null) {
            return java.util.Optional.empty();
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"*:<>?|]", "_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - extension.length()) + extension;
        }
        return name.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(name);
    }
}
