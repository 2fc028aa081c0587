package uk.nhs.incidents.common.database;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A scheduled job whose run ends quietly when the database cannot be reached: the outage is logged once, as a
 * request meeting it logs it ({@link DatabaseOutage}), and the job runs again on its schedule. Without it, every job
 * logged a stack trace every time it ran while PostgreSQL restarted (about 50 in one minute of outages, 7,000 lines).
 * Meant for the job's method (the interceptor's class carries it too, as CDI requires): one with a result to give
 * is left to fail as before.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface QuietDuringOutage {
}
