package uk.nhs.incidents.common.time;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A duration of at least a millisecond: a timeout or a wait of zero or less would stop the job or the call it bounds,
 * and less than a millisecond is zero to the APIs that take milliseconds (a statement or socket timeout of 0 means
 * none), so the service refuses to start with one rather than fail on first use.
 */
@Documented
@Retention(RUNTIME)
@Target({ METHOD, TYPE_USE, ANNOTATION_TYPE })
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@DurationMin(millis = 1)
public @interface PositiveDuration {

    String message() default "must be at least 1 ms";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
