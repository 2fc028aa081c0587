package uk.nhs.incidents.evidence.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Which content types each kind of evidence accepts, checked twice: the type the uploader declares, and the
 * type the file's leading bytes show (Apache Tika's magic-number detection). Both must be allowed for the kind
 * and agree with each other, so an executable sent as "audio/wav" is refused.
 */
public final class ContentPolicy {

    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();

    private final Map<EvidenceKind, List<String>> allowed;

    /** @param allowed per kind, types such as {@code application/pdf} or wildcards such as {@code audio/*} */
    public ContentPolicy(Map<EvidenceKind, List<String>> allowed) {
        this.allowed = Map.copyOf(allowed);
    }

    public boolean allowsDeclared(EvidenceKind kind, String declared) {
        MediaType type = MediaType.parse(declared);
        return type != null && matches(kind, normalise(type));
    }

    /** What the leading bytes are, by magic number alone (never by the file's name). */
    public static MediaType detect(byte[] leadingBytes) {
        try {
            return normalise(MIME_TYPES.detect(new ByteArrayInputStream(leadingBytes), new Metadata()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether content whose leading bytes show {@code detected} may be kept as {@code declared} evidence of the kind. */
    public boolean accepts(EvidenceKind kind, String declared, MediaType detected) {
        MediaType declaredType = normalise(MediaType.parse(declared));
        MediaTypeRegistry registry = MIME_TYPES.getMediaTypeRegistry();
        boolean agree = registry.isInstanceOf(detected, declaredType) || registry.isInstanceOf(declaredType, detected);
        return matches(kind, detected) && agree;
    }

    public List<String> allowed(EvidenceKind kind) {
        return allowed.getOrDefault(kind, List.of());
    }

    private boolean matches(EvidenceKind kind, MediaType type) {
        MediaTypeRegistry registry = MIME_TYPES.getMediaTypeRegistry();
        return allowed(kind).stream().anyMatch(pattern -> pattern.endsWith("/*")
                ? type.getType().equals(pattern.substring(0, pattern.length() - 2))
                : registry.isInstanceOf(type, normalise(MediaType.parse(pattern))));
    }

    private static MediaType normalise(MediaType type) {
        return MIME_TYPES.getMediaTypeRegistry().normalize(type.getBaseType());
    }
}
