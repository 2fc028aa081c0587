package uk.nhs.incidents.party.api;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;

@Schema(name = "Deployment")
public record DeploymentResponse(long id, String systemName, String supplier, String provider, String icb,
        Programme programme, ProcurementRoute procurementRoute, boolean icbSupportAgreed, Instant createdAt,
        Instant updatedAt) {

    static DeploymentResponse of(Deployment d) {
        return new DeploymentResponse(d.id, d.systemName, d.supplier, d.provider, d.icb, d.programme,
                d.procurementRoute, d.icbSupportAgreed, d.createdAt, d.updatedAt);
    }
}
