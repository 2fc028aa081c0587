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
 * A duration longer than zero: a timeout, an interval or a wait of zero or less would stop the job or the call it
 * bounds, so the service refuses to start with one rather than fail on first use.
 */
@Documented
@Retention(RUNTIME)
@Target({ METHOD, TYPE_USE, ANNOTATION_TYPE })
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@DurationMin(nanos = 0, inclusive = false)
public @interface PositiveDuration {

    String message() default "must be longer than zero";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
