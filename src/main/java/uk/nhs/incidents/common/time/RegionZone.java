package uk.nhs.incidents.common.time;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.ZoneId;

/**
 * A time zone named as a region of the tz database (Europe/London, UTC), never as an offset: Java reads "+01:00" and
 * "UTC+01:00" as an hour ahead of UTC, PostgreSQL's {@code at time zone} as POSIX does, an hour behind, so a zone
 * that both Java and the database use must be one they read alike.
 */
@Documented
@Retention(RUNTIME)
@Target({ METHOD, TYPE_USE })
@Constraint(validatedBy = RegionZone.Validator.class)
public @interface RegionZone {

    String message() default "must name a region of the tz database, such as Europe/London, not an offset";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts the zones the tz database names, which PostgreSQL and Java read alike. */
    class Validator implements ConstraintValidator<RegionZone, ZoneId> {

        @Override
        public boolean isValid(ZoneId zone, ConstraintValidatorContext context) {
            return zone == null || ZoneId.getAvailableZoneIds().contains(zone.getId());
        }
    }
}
