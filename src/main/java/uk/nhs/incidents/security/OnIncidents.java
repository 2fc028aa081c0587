package uk.nhs.incidents.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources of incidents and major incidents: a token whose roles read no incident (only {@code reporting},
 * {@code integration} or {@code metrics}) is refused there with 403, as the wrong role, rather than shown an empty
 * list or a 404 that would read as "no such incident" ({@link OnIncidentsFilter}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OnIncidents {
}
