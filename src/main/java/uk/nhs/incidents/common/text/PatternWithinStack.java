package uk.nhs.incidents.common.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Pattern;

/**
 * {@code @Pattern} on text, matched as Bean Validation's own validator matches it (whose default message, naming
 * the pattern, no field here uses), except that a value too long for the pattern does not match, where it answered
 * 500. {@code java.util.regex} recurses once for each repetition of a group (a mailbox's labels, a reference's
 * words), so a value of a few thousand of them overflows the thread's stack; the field's {@code @Size}, which refuses
 * it, is checked beside the pattern in no set order, not before it. Every field with a pattern takes a few hundred
 * characters at most, so such a value is far past its limit anyway.
 */
public final class PatternWithinStack implements ConstraintValidator<Pattern, String> {

    private java.util.regex.Pattern pattern;

    @Override
    public void initialize(Pattern annotation) {
        int flags = 0;
        for (Pattern.Flag flag : annotation.flags()) {
            flags |= flag.getValue();
        }
        pattern = java.util.regex.Pattern.compile(annotation.regexp(), flags);
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            return pattern.matcher(value).matches();
        } catch (StackOverflowError tooLong) {
            // Thrown by the matcher's own frames, which it leaves as it unwinds: nothing else is part-done.
            return false;
        }
    }
}
