package uk.nhs.incidents.party.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.party.domain.OrganisationType;

@Schema(name = "OrganisationRequest", description = "An organisation and its contacts")
public record OrganisationRequest(
        @Schema(description = "ODS code: 1-9 upper-case letters and digits", examples = "A81001")
        @NotNull @Pattern(regexp = "^[A-Z0-9]{1,9}$", message = "must be 1-9 upper-case letters and digits")
        String odsCode,
        @NotBlank @Size(max = 200) String name,
        @NotNull OrganisationType type,
        @Schema(description = "Mailbox that receives incident notifications", format = "email")
        @NotBlank @Pattern(regexp = MAILBOX, message = MAILBOX_MESSAGE) @Size(max = 254) String incidentMailbox,
        @Schema(description = "Clinical Safety Officer's mailbox; left out (or null) where the organisation has none, "
                + "and its CSO is then written to at the incident mailbox", format = "email")
        @Pattern(regexp = MAILBOX, message = MAILBOX_MESSAGE)
        @Size(min = 1, max = 254, message = "must be 1-254 characters: leave it out for none")
        String csoMailbox) {

    /**
     * A mailbox a mail relay delivers to: an ASCII dot-atom (at most 64 characters) at a domain name of two labels or
     * more. Bean Validation's {@code @Email}, which this replaces, took a@b, a@localhost, a@[127.0.0.1] and local parts
     * holding any character, a right-to-left override among them, none of which a relay on the internet delivers.
     */
    static final String MAILBOX = "^(?=[^@]{1,64}@)"
            + "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$";
    static final String MAILBOX_MESSAGE = "must be a mailbox such as servicedesk@supplier.example: ASCII, at a domain"
            + " name such as nhs.net";
}
