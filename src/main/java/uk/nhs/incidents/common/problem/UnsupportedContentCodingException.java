package uk.nhs.incidents.common.problem;

import java.util.Map;

/**
 * A body sent in a content coding (gzip, br) that the endpoint does not decode: a 415 whose {@code Accept-Encoding}
 * names the one it takes (RFC 9110 12.5.3). Stored as received, a compressed file would be kept as another file than
 * the one meant, or refused for what its compressed bytes look like.
 */
public class UnsupportedContentCodingException extends UnsupportedMediaTypeException {

    public UnsupportedContentCodingException(String coding) {
        super("The body is sent with Content-Encoding " + coding + ", which is not taken: send the file as it is, "
                + "without Content-Encoding (a gzip file as application/gzip).");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Accept-Encoding", "identity");
    }
}
