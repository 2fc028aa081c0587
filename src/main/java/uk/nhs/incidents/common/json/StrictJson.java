package uk.nhs.incidents.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;

/**
 * The request bodies' JSON is taken as written: a number is not read from a string ({@code "severity":"5"}), a
 * whole number not from a fraction ({@code 1.9} is not 1), text not from a number or a boolean, an enum not from
 * its position, a date-time not from a number; a field given twice is refused, not taken at its last value, and so is
 * anything after the body's one value; and every text value obeys {@link uk.nhs.incidents.common.text.TextRules},
 * the strings enums, date-times and UUIDs are read from included. Each refusal is a 400, naming the field where
 * there is one.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** After Quarkus's own, whose JDK time types' module would otherwise take the date-times back. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // {"to":"TRIAGED"}{"to":"CANCELLED"} is two values, which a proxy reading the last would take differently.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("text-rules").addDeserializer(String.class, new TextDeserializer(false))
                .addDeserializer(OffsetDateTime.class, new WrittenDateTime())
                .setDeserializerModifier(new AsWritten.Readers()));
    }
}
