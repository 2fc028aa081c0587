package uk.nhs.incidents.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.util.Optional;
import uk.nhs.incidents.common.text.MultiLine;
import uk.nhs.incidents.common.text.TextRules;

/** Reads every JSON string through {@link TextRules}: single-line unless the property is {@link MultiLine}. */
class TextDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

    private final boolean multiLine;

    TextDeserializer(boolean multiLine) {
        super(String.class);
        this.multiLine = multiLine;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
        boolean multi = property != null && property.getAnnotation(MultiLine.class) != null;
        return multi == multiLine ? this : new TextDeserializer(multi);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null) {
            refuseUnsafe(parser, text, multiLine);
        }
        return text;
    }

    /**
     * Refuses {@code text} read by {@code parser} when it breaks {@link TextRules}; also for the strings other values
     * are read from ({@link AsWritten}, {@link WrittenDateTime}), always single-line.
     */
    static void refuseUnsafe(JsonParser parser, String text, boolean multiLine) throws UnsafeTextException {
        Optional<String> problem = TextRules.problem(text, multiLine);
        if (problem.isPresent()) {
            throw new UnsafeTextException(parser, problem.get());
        }
    }
}
