package uk.nhs.incidents.evidence.domain;

import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Makes an uploaded filename safe to keep and to offer back in {@code Content-Disposition}: no path, no control,
 * format or separator characters (a right-to-left override, U+202E, shows {@code fix<U+202E>txt.js} as
 * {@code fixsj.txt}), no leading dot, no trailing dot or space, at most 255 characters, and an extension the
 * content's type is known by. The name is metadata only; nothing is ever stored under it.
 */
public final class Filenames {

    private static final int MAX_LENGTH = 255;
    private static final int MAX_EXTENSION = 16;
    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = MIME_TYPES.getMediaTypeRegistry();

    private Filenames() {
    }

    /** @return the cleaned name, or empty when nothing usable remains */
    public static Optional<String> sanitise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC).replaceAll("\\p{Cf}", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"*:<>?|]", "_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        // Trailing dots and spaces are dropped as Windows drops them on saving: "call.wav." is call.wav, not a file
        // whose extension is "." and which would be offered as "call.wav..wav". Again once cut: a cut may end on one.
        name = withoutTrailingDots(truncated(withoutTrailingDots(name)));
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    /**
     * The name as offered for content of the type: unchanged when its extension is one Tika knows the type by,
     * otherwise with the type's own extension added, so that content accepted as text is never handed back under
     * the name of a script ({@code fix.js} sent as {@code text/plain} becomes {@code fix.js.txt}).
     */
    public static String forType(String name, String contentType) {
        List<String> extensions = extensions(MediaType.parse(contentType));
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot) : "";
        if (extensions.isEmpty() || extensions.stream().anyMatch(extension::equalsIgnoreCase)) {
            return name;
        }
        return truncated(name + extensions.get(0));
    }

    /** The extensions of the type, or of its nearest supertype that has any (every type ends at .bin). */
    private static List<String> extensions(MediaType type) {
        for (MediaType t = type == null ? null : type.getBaseType(); t != null; t = REGISTRY.getSupertype(t)) {
            MimeType known = registered(t);
            if (known != null && !known.getExtensions().isEmpty()) {
                return known.getExtensions();
            }
        }
        return List.of();
    }

    /** Looks the type up without registering it, as {@link MimeTypes#forName} would an unknown one. */
    private static MimeType registered(MediaType type) {
        try {
            return MIME_TYPES.getRegisteredMimeType(type.toString());
        } catch (MimeTypeException e) {
            return null;
        }
    }

    private static String withoutTrailingDots(String name) {
        return name.replaceAll("[. ]+$", "");
    }

    /** At most 255 characters (code points, so that no pair of surrogates is split), keeping a short extension. */
    private static String truncated(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        int kept = MAX_LENGTH - extension.codePointCount(0, extension.length());
        return name.substring(0, name.offsetByCodePoints(0, kept)) + extension;
    }
}
