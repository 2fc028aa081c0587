package uk.nhs.incidents.common.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.paging.QueryValues;

/**
 * The values query parameters take, for the contract only: parameters arrive as text (see {@link QueryValues}), and
 * MicroProfile OpenAPI names the items of a repeated parameter by a class alone. Never instantiated.
 */
public final class QueryItems {

    @Schema(name = "OdsCode", type = SchemaType.STRING, pattern = QueryValues.ODS_CODE_PATTERN, maxLength = 9,
            description = "An organisation's ODS code: 1 to 9 capital letters and digits")
    public static final class OdsCode {

        private OdsCode() {
        }
    }

    @Schema(name = "Severity", type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "5",
            description = "1 (highest) to 5")
    public static final class Severity {

        private Severity() {
        }
    }

    private QueryItems() {
    }
}
