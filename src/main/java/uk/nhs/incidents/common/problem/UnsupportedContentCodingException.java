package uk.nhs.incidents.common.problem;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A body sent in a content coding (gzip, br) that the endpoint does not decode: a 415 whose {@code Accept-Encoding}
 * names the one it takes (RFC 9110 12.5.3). Stored as received, a compressed file would be kept as another file than
 * the one meant, or refused for what its compressed bytes look like; a compressed JSON body would be refused as
 * malformed, and one that only says it is compressed read as it is.
 */
public class UnsupportedContentCodingException extends UnsupportedMediaTypeException {

    /** {@code instead} says how to send the body, after the refusal's "which is not taken: ". */
    public UnsupportedContentCodingException(String coding, String instead) {
        super("The body is sent with Content-Encoding " + coding + ", which is not taken: " + instead);
    }

    /** The first coding but {@code identity} on any of the header's lines, if any. */
    public static Optional<String> refusedOf(List<String> contentEncoding) {
        return contentEncoding.stream().flatMap(line -> Arrays.stream(line.split(","))).map(String::strip)
                .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase("identity")).findFirst();
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Accept-Encoding", "identity");
    }
}
