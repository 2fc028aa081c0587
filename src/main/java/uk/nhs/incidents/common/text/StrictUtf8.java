package uk.nhs.incidents.common.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes read as UTF-8 text only when they are: the JDK's lenient decoding turns bytes no UTF-8 text holds into
 * U+FFFD and reads on, which would store, or act on, something other than what was sent.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** The text the bytes encode, or nothing when they are not UTF-8. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
