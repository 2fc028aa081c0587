package uk.nhs.incidents.sla.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.sla.domain.BankHolidays;
import uk.nhs.incidents.sla.service.BankHolidayService;
import uk.nhs.incidents.sla.service.Calendars;

@Path("/api/v1/calendars/bank-holidays")
@Tag(name = "Service levels", description = "Service-level targets and the calendars their clocks count in")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CalendarResource {

    /** The bank holidays in use and where they came from. */
    public record BankHolidaysResponse(String source, int firstYear, int lastYear, boolean exhausted,
            boolean endsWithinAYear, List<LocalDate> dates) {
    }

    private final Calendars calendars;
    private final BankHolidayService service;
    private final CurrentCaller caller;

    CalendarResource(Calendars calendars, BankHolidayService service, CurrentCaller caller) {
        this.calendars = calendars;
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getBankHolidays", summary = "The bank holidays service hours exclude")
    public BankHolidaysResponse get() {
        BankHolidays holidays = calendars.serviceHours().holidays();
        return new BankHolidaysResponse(calendars.source().description(), holidays.firstYear(), holidays.lastYear(),
                calendars.isExhausted(), calendars.endsWithinAYear(), List.copyOf(holidays.dates()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "The bank holidays now in use")
    @APIResponse(responseCode = "422", description = "The file is not gov.uk's format, lacks the division or the "
            + "current year, skips a year, reaches too far, or ends before the calendar in use; see violations")
    @Operation(operationId = "loadBankHolidays", summary = "Load a newer gov.uk bank-holidays.json (admin)",
            description = "The body is gov.uk's file as published, of which the england-and-wales division is "
                    + "taken: service hours exclude England and Wales bank holidays. Refused (422) unless it lists "
                    + "that division and the current year, every date lies within "
                    + "incidents.sla.calendar-window-years of today, every year from its first to its last lists a "
                    + "holiday, and it ends no earlier than the calendar in use.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.OBJECT, description = "gov.uk's bank-holidays.json, as published: an object by division, "
                    + "each with its events' dates")))
    public BankHolidaysResponse load(byte[] document) {
        service.load(document, caller.get());
        return get();
    }

    @POST
    @Path("/shipped")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "restoreShippedBankHolidays",
            summary = "Go back to the bank holidays shipped with the service (admin)",
            description = "Always allowed, e.g. after a file that turned out wrong; every instance takes it up.")
    public BankHolidaysResponse restoreShipped() {
        service.restoreShipped(caller.get());
        return get();
    }
}
