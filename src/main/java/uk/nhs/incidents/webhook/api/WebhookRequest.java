package uk.nhs.incidents.webhook.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.webhook.domain.EventSelection;
import uk.nhs.incidents.webhook.domain.TargetUrl;

@Schema(name = "WebhookRequest", description = "Where to send which events of the incidents the organisation reads")
public record WebhookRequest(
        @Schema(description = "The receiver: an absolute https URL (http only in dev and test) in ASCII (other "
                + "characters percent-encoded), without user name, password or fragment, whose host resolves to "
                + "public internet addresses only",
                examples = "https://itsm.supplier.example/hooks/nhs-incidents")
        @NotNull @Size(max = TargetUrl.MAX_LENGTH) String url,
        @Schema(description = "Event types, or [\"*\"] for every one: incident.raised, incident.status_changed, "
                + "incident.reclassified, incident.routing_changed, incident.comment_added, incident.evidence_added, "
                + "incident.evidence_removed, incident.clinical_review_recorded, incident.sla_warning, "
                + "incident.sla_breach, "
                + "incident.major_incident_linked, incident.major_incident_unlinked, incident.major_incident_updated, "
                + "incident.fix_recorded")
        @NotNull @Size(min = 1, max = EventSelection.MAX_NAMES) List<@NotNull @Size(max = 40) String> events,
        @Schema(description = "Admins only: the ODS code of the organisation the webhook is for")
        @Pattern(regexp = QueryValues.ODS_CODE_PATTERN, message = "must be 1-9 upper-case letters and digits")
        String organisation) {
}
