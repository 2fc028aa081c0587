package uk.nhs.incidents.evidence.domain;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * The SHA-256 an uploader declares for the file it sends, in {@code Repr-Digest} or {@code Content-Digest} (RFC 9530:
 * a dictionary such as {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}), so that a file changed or cut
 * on its way is refused rather than kept as evidence. As the service takes no content coding, both describe the file
 * itself. Other algorithms are not checked; a {@code sha-256} member that is not 32 bytes of base64, or two that
 * disagree, are the client's error, named by header: a client that sends a digest means it to be checked.
 */
public final class DeclaredDigest {

    public static final String REPR_DIGEST = "Repr-Digest";
    public static final String CONTENT_DIGEST = "Content-Digest";
    private static final List<String> HEADERS = List.of(REPR_DIGEST, CONTENT_DIGEST);

    /** One dictionary member: its key, and its value up to any parameters. */
    private static final Pattern MEMBER = Pattern.compile("\\s*([a-z*][a-z0-9_.*-]*)\\s*(?:=\\s*([^;]*))?(?:;.*)?");
    private static final Pattern BYTES = Pattern.compile(":([A-Za-z0-9+/]*={0,2}):");
    private static final int SHA_256_BYTES = 32;

    private DeclaredDigest() {
    }

    /** The header's value for a SHA-256 given in hex, as the service sends it with a download. */
    public static String of(String sha256) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":";
    }

    /** A SHA-256 declared, in lower-case hex, and the header that first gave it. */
    public record Declared(String header, String sha256) {
    }

    /**
     * @param lines each header's lines as received, by name
     * @return the declared SHA-256, empty when none is declared
     */
    public static Optional<Declared> sha256(Map<String, List<String>> lines) {
        Declared found = null;
        for (String header : HEADERS) {
            for (String line : lines.getOrDefault(header, List.of())) {
                for (String member : line.split(",", -1)) {
                    String given = sha256Member(header, member);
                    if (given != null && found != null && !found.sha256().equals(given)) {
                        throw new InvalidInputException(header, "gives a sha-256 other than the one given before");
                    }
                    found = given == null || found != null ? found : new Declared(header, given);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The member's SHA-256 in hex; null for a member of another algorithm. */
    private static String sha256Member(String header, String member) {
        Matcher parts = MEMBER.matcher(member);
        if (member.isBlank() || !parts.matches()) {
            throw new InvalidInputException(header, "is not a dictionary of digests such as sha-256=:<base64>:");
        }
        if (!parts.group(1).equals("sha-256")) {
            return null;
        }
        byte[] digest = decoded(parts.group(2) == null ? "" : parts.group(2).strip());
        if (digest.length != SHA_256_BYTES) {
            throw new InvalidInputException(header, "gives a sha-256 that is not 32 bytes of base64 between colons");
        }
        return HexFormat.of().formatHex(digest);
    }

    /** A byte sequence's bytes; none when it is not one. */
    private static byte[] decoded(String value) {
        Matcher bytes = BYTES.matcher(value);
        try {
            return bytes.matches() ? Base64.getDecoder().decode(bytes.group(1)) : new byte[0];
        } catch (IllegalArgumentException e) {
            return new byte[0]; // padding out of place: no byte sequence, refused as any other
        }
    }
}
