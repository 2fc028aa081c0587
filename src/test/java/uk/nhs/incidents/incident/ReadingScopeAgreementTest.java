package uk.nhs.incidents.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentRepository;
import uk.nhs.incidents.incident.data.IncidentScope;
import uk.nhs.incidents.routing.domain.Routing;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * Who reads an incident is decided two ways from one set of tables: by query (reads over the API) and in memory
 * (which webhooks hear of a change). Asked about incidents of every shape the rules distinguish, for every role of
 * every party, the two must give the same answer.
 */
@QuarkusTest
class ReadingScopeAgreementTest {

    private static final List<String> ROLES = List.of("supplier", "provider", "practice", "icb", "hub",
            "bars-programme", "service-desk", "clinical-safety-officer", "reporting", "integration", "admin");

    @Inject
    IncidentRepository incidents;

    @Inject
    RoutingService routing;

    @Test
    void theQueryAndTheInMemoryRuleAgreeOnWhoReadsEachIncidentForEveryRole() {
        Fixtures.national();
        Site bars = Fixtures.bars();
        Site practice = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE", true);
        String barsSupplier = Tokens.as("supplier", bars.supplier());
        List<Long> ids = new ArrayList<>();
        ids.add(Fixtures.raise(bars, "LIVE", 2));
        long reRouted = Fixtures.raise(bars, "LIVE", 2);
        Workflow.reclassify(barsSupplier, reRouted, Map.of("severity", 4, "reason", "A workaround exists"))
                .statusCode(200);
        ids.add(reRouted);
        long testedThenLive = Fixtures.raise(bars, "TEST", 3);
        Workflow.reclassify(Tokens.as("provider", bars.provider()), testedThenLive,
                Map.of("phase", "LIVE", "reason", "In live use since Monday")).statusCode(200);
        ids.add(testedThenLive);
        long waiting = Fixtures.raise(Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk()),
                Fixtures.incident(bars.deploymentId(), "LIVE", 3));
        Workflow.move(barsSupplier, waiting, "TRIAGED", null).statusCode(200);
        Workflow.move(barsSupplier, waiting, "AWAITING_INFO", "Who approved the change?", bars.icb()).statusCode(200);
        ids.add(waiting);
        ids.add(Fixtures.raise(Tokens.as("practice", practice.provider()),
                Fixtures.incident(practice.deploymentId(), "LIVE", 1)));
        List<String> organisations = List.of(bars.supplier(), bars.provider(), bars.icb(), practice.supplier(),
                practice.provider(), practice.icb(), Fixtures.NATIONAL.hub(), Fixtures.NATIONAL.bars(),
                Fixtures.NATIONAL.serviceDesk());

        List<String> disagreements = new ArrayList<>();
        int[] reads = new int[2];
        QuarkusTransaction.requiringNew().run(() -> {
            Map<Long, Incident> byId = incidents.byIds(ids);
            Map<Long, Routing> routings = routing.stored(ids);
            for (long id : ids) {
                for (String organisation : organisations) {
                    for (String role : ROLES) {
                        Set<String> roles = Set.of(role);
                        boolean byQuery = incidents.findInScope(id,
                                IncidentScope.reading(new Caller("someone", organisation, roles))).isPresent();
                        boolean inMemory = IncidentScope.reads(roles, organisation, byId.get(id), routings.get(id));
                        reads[byQuery ? 1 : 0]++;
                        if (byQuery != inMemory) {
                            disagreements.add("incident " + id + ", " + role + " of " + organisation + ": query "
                                    + byQuery + ", in memory " + inMemory);
                        }
                    }
                }
            }
        });

        assertThat(disagreements).isEmpty();
        assertThat(reads[0]).as("organisations that do not read an incident").isGreaterThan(20);
        assertThat(reads[1]).as("organisations that read one").isGreaterThan(20);
    }
}
