package uk.nhs.incidents.common.jobs;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.Duration;

/**
 * How often a scheduled job runs (its {@code every}): a duration of at least a second, such as {@code 10s} or
 * {@code PT1M}, or {@code off} (or {@code disabled}) to stop it on this instance. The scheduler itself refuses only
 * what it cannot read: it takes a zero or a negative interval, or one under the second it can keep to, and runs the
 * job late or not at all, so that a dispatcher set to {@code -1s} would never send an email and say nothing.
 */
@Documented
@Retention(RUNTIME)
@Target({ METHOD, TYPE_USE })
@Constraint(validatedBy = JobInterval.Check.class)
public @interface JobInterval {

    String message() default "must be a duration of at least 1 s, such as 10s or PT1M, or off";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check itself. */
    final class Check implements ConstraintValidator<JobInterval, String> {

        private static final Duration SHORTEST = Duration.ofSeconds(1);

        @Override
        public boolean isValid(String every, ConstraintValidatorContext context) {
            if (every == null) {
                return false;
            }
            String value = every.trim();
            if ("off".equalsIgnoreCase(value) || "disabled".equalsIgnoreCase(value)) {
                return true;
            }
            try {
                Duration interval = DurationConverter.parseDuration(value);
                return interval != null && interval.compareTo(SHORTEST) >= 0;
            } catch (IllegalArgumentException | DateTimeException e) {
                return false;
            }
        }
    }
}
