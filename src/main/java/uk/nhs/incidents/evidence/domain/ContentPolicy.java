package uk.nhs.incidents.evidence.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Which content types each kind of evidence accepts, checked twice: the type the uploader declares must be
 * allowed for the kind, and the type the file's leading bytes show (Apache Tika's magic-number detection) must
 * agree with it. Leading bytes often show only a family: a Word document is an OOXML package or an OLE2 file,
 * whatever it holds. So the declared type's family agrees too, but never a generic parent that the bytes of
 * any file, or of any ZIP archive, would show. Otherwise the detected type must itself be one the kind lists:
 * HTML, XML and scripts are Tika subtypes of {@code text/plain}, and must not pass for it. Executables, HTML, SVG
 * and scripts are refused whatever they are declared as and whatever the configuration lists, so an executable
 * sent as "audio/wav" is refused.
 */
public final class ContentPolicy {

    private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = MIME_TYPES.getMediaTypeRegistry();

    /** Parents so wide that they say nothing of the declared type: every file, every ZIP (JARs among them). */
    private static final Set<MediaType> GENERIC = Set.of(MediaType.OCTET_STREAM, MediaType.APPLICATION_ZIP);

    /** Programs, native or scripts ("#!" files are x-sh), their installers and archives; their subtypes too. */
    private static final Set<MediaType> EXECUTABLE = types("application/x-msdownload",
            "application/vnd.microsoft.portable-executable", "application/x-ms-installer", "application/x-elf",
            "application/x-mach-o", "application/x-mach-o-universal", "application/x-mach-o-executable",
            "application/x-mach-o-dylib", "application/x-mach-o-bundle", "application/java-vm",
            "application/java-archive", "application/x-sh", "application/x-bat", "text/x-perl", "text/x-python",
            "text/x-awk");

    /** HTML, SVG and scripts: what a browser would run if the file were ever opened in one. */
    private static final Set<MediaType> ACTIVE = types("text/html", "application/xhtml+xml", "image/svg+xml",
            "application/javascript", "text/javascript", "application/ecmascript", "text/ecmascript");

    /** Data formats Tika files under script types (JSON under JavaScript): data, never run, so never active. */
    private static final Set<MediaType> DATA = types("application/json");

    /** A configured type that is neither a type nor a {@code type/*} wildcard. */
    public static final class InvalidType extends IllegalArgumentException {

        private final EvidenceKind kind;

        InvalidType(EvidenceKind kind, String listed) {
            super("'" + listed + "' is not a content type such as application/pdf, nor a wildcard such as audio/*");
            this.kind = kind;
        }

        public EvidenceKind kind() {
            return kind;
        }
    }

    private final Map<EvidenceKind, List<String>> allowed;
    /** The allowed types parsed once: normalised types, and wildcards with the subtype {@code *}. */
    private final Map<EvidenceKind, List<MediaType>> patterns;

    /**
     * @param allowed per kind, types such as {@code application/pdf} or wildcards such as {@code audio/*}
     * @throws InvalidType when one is neither
     */
    public ContentPolicy(Map<EvidenceKind, List<String>> allowed) {
        this.allowed = Map.copyOf(allowed);
        this.patterns = this.allowed.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(listed -> pattern(e.getKey(), listed)).toList()));
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
        return !isExecutable(detected) && !isActive(detected) && matches(kind, declaredType)
                && (isFamilyOf(declaredType, detected)
                        || matches(kind, detected) && REGISTRY.isInstanceOf(detected, declaredType));
    }

    public List<String> allowed(EvidenceKind kind) {
        return allowed.getOrDefault(kind, List.of());
    }

    /** The bytes show only a family the declared type belongs to, short of the generic parents. */
    private static boolean isFamilyOf(MediaType declared, MediaType detected) {
        return !GENERIC.contains(detected) && !detected.equals(declared) && REGISTRY.isInstanceOf(declared, detected);
    }

    private static boolean isExecutable(MediaType type) {
        return isOrUnder(type, EXECUTABLE);
    }

    private static boolean isActive(MediaType type) {
        return isOrUnder(type, ACTIVE);
    }

    /** Whether the type, or a type it is filed under short of a data format, is one of {@code types}. */
    private static boolean isOrUnder(MediaType type, Set<MediaType> types) {
        for (MediaType t = type; t != null && !DATA.contains(t); t = REGISTRY.getSupertype(t)) {
            if (types.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A type is allowed when it is one the kind lists, or under one of its {@code type/*} wildcards; a Tika subtype
     * of a listed type is not, and active content never is.
     */
    private boolean matches(EvidenceKind kind, MediaType type) {
        return !isActive(type) && patterns.getOrDefault(kind, List.of()).stream().anyMatch(pattern ->
                isWildcard(pattern) ? type.getType().equals(pattern.getType()) : type.equals(pattern));
    }

    private static MediaType pattern(EvidenceKind kind, String listed) {
        MediaType type = MediaType.parse(listed);
        if (type == null || type.getType().equals("*")) {
            throw new InvalidType(kind, listed);
        }
        return isWildcard(type) ? type : normalise(type);
    }

    private static boolean isWildcard(MediaType pattern) {
        return pattern.getSubtype().equals("*");
    }

    private static MediaType normalise(MediaType type) {
        return REGISTRY.normalize(type.getBaseType());
    }

    private static Set<MediaType> types(String... names) {
        return Stream.of(names).map(name -> normalise(MediaType.parse(name))).collect(Collectors.toUnmodifiableSet());
    }
}
