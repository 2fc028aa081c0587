package uk.nhs.incidents.common.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} on text counts characters (Unicode code points), as the contract's {@code maxLength} (JSON Schema)
 * and PostgreSQL's {@code varchar(n)} count them. Bean Validation's own validator counts UTF-16 units, so a title of
 * 200 emoji, which its {@code varchar(200)} column holds, was refused as 400 long. Registered for {@code String},
 * more specific than the built-in validator's {@code CharSequence}, so it is the one chosen for every text field;
 * lists and maps keep the built-in ones ({@link TextConstraints}).
 */
public final class SizeInCharacters implements ConstraintValidator<Size, String> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
        min = size.min();
        max = size.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int characters = value.codePointCount(0, value.length());
        return characters >= min && characters <= max;
    }
}
