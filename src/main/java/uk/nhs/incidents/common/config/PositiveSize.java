package uk.nhs.incidents.common.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A size limit of at least one byte: a limit of zero or less would refuse every request body, header or file it
 * bounds, so the service refuses to start with one rather than answer every such request with an error.
 */
@Documented
@Retention(RUNTIME)
@Target({ METHOD, TYPE_USE })
@Constraint(validatedBy = PositiveSize.Check.class)
public @interface PositiveSize {

    String message() default "must be at least 1 byte";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself. */
    final class Check implements ConstraintValidator<PositiveSize, MemorySize> {

        @Override
        public boolean isValid(MemorySize size, ConstraintValidatorContext context) {
            return size != null && size.asBigInteger().signum() > 0;
        }
    }
}
