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
 * and agree with each other, so an executable sent as "audio/wav" is refused; HTML, SVG and scripts are refused
 * whatever the configuration says.
 */
public final class ContentPolicy {

    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();
    /** HTML, SVG and scripts: never kept as evidence, whatever the configuration allows. */
    private static final List<MediaType> ACTIVE = List.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "application/javascript", "text/javascript", "application/ecmascript", "text/ecmascript").stream()
            .map(type -> normalise(MediaType.parse(type))).toList();

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

    /**
     * A type is allowed when it is one the kind lists, or under one of its {@code type/*} wildcards; a Tika
     * subtype of a listed type is not (HTML, XML and scripts are all subtypes of {@code text/plain}), and active
     * content never is.
     */
    private boolean matches(EvidenceKind kind, MediaType type) {
        return !isActive(type) && allowed(kind).stream().anyMatch(pattern -> pattern.endsWith("/*")
                ? type.getType().equals(pattern.substring(0, pattern.length() - 2))
                : type.equals(normalise(MediaType.parse(pattern))));
    }

    /** What a browser would run if the file were ever opened in one. */
    private static boolean isActive(MediaType type) {
        MediaTypeRegistry registry = MIME_TYPES.getMediaTypeRegistry();
        return ACTIVE.stream().anyMatch(active -> registry.isInstanceOf(type, active));
    }

    private static MediaType normalise(MediaType type) {
        return MIME_TYPES.getMediaTypeRegistry().normalize(type.getBaseType());
    }
}
