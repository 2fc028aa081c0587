package uk.nhs.incidents.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import java.io.IOException;
import java.util.UUID;
import uk.nhs.incidents.common.text.TextRules;

/**
 * Enums and UUIDs read from a string that obeys {@link TextRules}. Jackson's readers of both trim the string first,
 * and Java's trim takes every character up to the space, NUL and CR/LF among them: {@code "LIVE\u0000"} was read as
 * {@code LIVE}, and {@code ""} as no correlation id at all. Here such a string is refused as any other text breaking
 * the rules is, and an empty one as a value the field does not take; spaces around a value are still trimmed, as
 * they always were. A UUID is read from its hyphenated form alone: Jackson also reads 24 characters of base64 as one
 * ({@code "AAAAAAAAAAAAAAAAAAAAAA=="} as the nil UUID), which no client means.
 */
final class AsWritten extends DelegatingDeserializer {

    private static final int HYPHENATED_UUID_LENGTH = 36;

    /** Puts {@link AsWritten} in front of the readers of every enum and of UUIDs. */
    static final class Readers extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                BeanDescription description, JsonDeserializer<?> deserializer) {
            return new AsWritten(deserializer);
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return description.getBeanClass() == UUID.class ? new AsWritten(deserializer) : deserializer;
        }
    }

    private AsWritten(JsonDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new AsWritten(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            String text = parser.getText();
            TextDeserializer.refuseUnsafe(parser, text, false);
            if (text.isEmpty()) {
                return context.handleWeirdStringValue(handledType(), text, "is empty");
            }
            if (handledType() == UUID.class && text.strip().length() != HYPHENATED_UUID_LENGTH) {
                return context.handleWeirdStringValue(UUID.class, text, "is not a UUID such as "
                        + "0f8fad5b-d9cb-469f-a165-70867728950e");
            }
        }
        return super.deserialize(parser, context);
    }
}
