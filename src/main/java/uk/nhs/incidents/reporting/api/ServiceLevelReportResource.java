package uk.nhs.incidents.reporting.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.nhs.incidents.reporting.service.ServiceLevelReport;
import uk.nhs.incidents.reporting.service.ServiceLevelReports;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/reports")
@Tag(name = "Reports", description = "Service-level compliance for contract management")
public class ServiceLevelReportResource {

    static final String TEXT_CSV = "text/csv";

    private final ServiceLevelReports reports;
    private final CurrentCaller caller;

    ServiceLevelReportResource(ServiceLevelReports reports, CurrentCaller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Path("/service-levels")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @RolesAllowed({Roles.ADMIN, Roles.HUB, Roles.ICB, Roles.SUPPLIER, Roles.PROVIDER, Roles.PRACTICE, Roles.REPORTING})
    @APIResponse(responseCode = "503", description = "The database cannot be reached; the report ran past "
            + "incidents.reports.statement-timeout (ask for a shorter period or fewer groups); or "
            + "incidents.reports.concurrent reports are already running (ask again after Retry-After)")
    @Operation(operationId = "getServiceLevelReport",
            summary = "Service-level compliance by supplier, ICB, severity and month",
            description = "Counts from the service-level record: what was raised, triaged and resolved in the period,"
                    + " met or breached, with median and 90th-percentile times in business time, paused time and on"
                    + " whom it waited; and what of it is open and at risk now. JSON, or CSV with Accept: text/csv."
                    + " Each filter takes several values, repeated (severity=1&severity=2) or comma-separated"
                    + " (severity=1,2).")
    @APIResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ServiceLevelReportResponse.class)),
            @Content(mediaType = TEXT_CSV, schema = @Schema(type = SchemaType.STRING))})
    public Response serviceLevels(@BeanParam ReportParameters parameters, HttpHeaders headers) {
        ServiceLevelReport report = reports.report(parameters.fromDate(), parameters.toDate(), parameters.filter(),
                parameters.groupings(), caller.get());
        ServiceLevelReportResponse body = ServiceLevelReportResponse.of(report);
        if (!prefersCsv(headers)) {
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(ServiceLevelReportCsv.write(body), TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"service-levels_" + body.from() + "_"
                        + body.to() + ".csv\"")
                .build();
    }

    /**
     * CSV when the client's most preferred type that either matches admits CSV only; JSON for none or a wildcard. A
     * type given {@code q=0} is one the client refuses, not one it takes last.
     */
    private static boolean prefersCsv(HttpHeaders headers) {
        MediaType csv = MediaType.valueOf(TEXT_CSV);
        return headers.getAcceptableMediaTypes().stream().filter(ServiceLevelReportResource::accepted)
                .filter(type -> type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isCompatible(csv))
                .findFirst().map(type -> !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)).orElse(false);
    }

    private static boolean accepted(MediaType type) {
        String quality = type.getParameters().get("q");
        try {
            return quality == null || Double.parseDouble(quality) > 0;
        } catch (NumberFormatException e) {
            return true; // a malformed weight is the framework's to judge; it is ignored here
        }
    }
}
