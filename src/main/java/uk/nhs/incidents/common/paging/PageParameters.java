package uk.nhs.incidents.common.paging;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** A list's {@code limit} and {@code cursor}, read as text so that a bad value is a 400 that names it. */
public class PageParameters {

    @RestQuery
    @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, format = "int32",
            minimum = "1", maximum = "" + PageRequest.MAX_LIMIT, defaultValue = "" + PageRequest.DEFAULT_LIMIT))
    String limit;

    @RestQuery
    @Parameter(description = "The nextCursor of the previous page, as given; absent for the first page")
    String cursor;

    public PageRequest request() {
        return PageRequest.of(limit, cursor);
    }
}
