package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.incidents.vocabulary.IncidentStatus;

/** Every cell of the transition table: each from-state, to-state and actor, allowed or forbidden. */
class LifecycleTest {

    /** The allowed cells, written out from docs/domain.md's lifecycle; every other cell is forbidden. */
    private static final Set<String> ALLOWED = Set.of(
            "NEW>TRIAGED:RESOLVER",
            "TRIAGED>IN_PROGRESS:RESOLVER",
            "TRIAGED>AWAITING_INFO:RESOLVER",
            "IN_PROGRESS>AWAITING_INFO:RESOLVER",
            "AWAITING_INFO(TRIAGED)>TRIAGED:RESOLVER", "AWAITING_INFO(TRIAGED)>TRIAGED:REPORTER",
            "AWAITING_INFO(TRIAGED)>TRIAGED:ACCOUNTABLE",
            "AWAITING_INFO(IN_PROGRESS)>IN_PROGRESS:RESOLVER", "AWAITING_INFO(IN_PROGRESS)>IN_PROGRESS:REPORTER",
            "AWAITING_INFO(IN_PROGRESS)>IN_PROGRESS:ACCOUNTABLE",
            "IN_PROGRESS>RESOLVED:RESOLVER",
            "RESOLVED>CLOSED:REPORTER", "RESOLVED>CLOSED:ACCOUNTABLE", "RESOLVED>CLOSED:SYSTEM",
            "RESOLVED>IN_PROGRESS:REPORTER", "RESOLVED>IN_PROGRESS:ACCOUNTABLE",
            "NEW>CANCELLED:REPORTER", "NEW>CANCELLED:ACCOUNTABLE",
            "TRIAGED>CANCELLED:REPORTER", "TRIAGED>CANCELLED:ACCOUNTABLE",
            "IN_PROGRESS>CANCELLED:REPORTER", "IN_PROGRESS>CANCELLED:ACCOUNTABLE",
            "AWAITING_INFO(TRIAGED)>CANCELLED:REPORTER", "AWAITING_INFO(TRIAGED)>CANCELLED:ACCOUNTABLE",
            "AWAITING_INFO(IN_PROGRESS)>CANCELLED:REPORTER", "AWAITING_INFO(IN_PROGRESS)>CANCELLED:ACCOUNTABLE");

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        for (IncidentStatus from : IncidentStatus.values()) {
            List<IncidentStatus> returns = from == IncidentStatus.AWAITING_INFO
                    ? List.of(IncidentStatus.TRIAGED, IncidentStatus.IN_PROGRESS) : java.util.Collections.singletonList(null);
            for (IncidentStatus returnTo : returns) {
                String origin = returnTo == null ? from.name() : from + "(" + returnTo + ")";
                for (IncidentStatus to : IncidentStatus.values()) {
                    for (Actor actor : Actor.values()) {
                        String cell = origin + ">" + to + ":" + actor;
                        cells.add(Arguments.of(cell, from, returnTo, to, actor, ALLOWED.contains(cell)));
                    }
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} allowed={5}")
    @MethodSource("everyCell")
    void eachCellIsAllowedOnlyIfTheDomainSaysSo(String cell, IncidentStatus from, IncidentStatus returnTo,
            IncidentStatus to, Actor actor, boolean allowed) {
        boolean permitted = Lifecycle.find(from, to, returnTo).map(t -> t.by().contains(actor)).orElse(false);
        assertThat(permitted).as(cell).isEqualTo(allowed);
        assertThat(Lifecycle.targets(from, returnTo, EnumSet.of(actor)).contains(to)).as(cell).isEqualTo(allowed);
    }

    @Test
    void cancellingWaitingForInformationAndReopeningNeedAReason() {
        assertThat(Lifecycle.TABLE).filteredOn(Lifecycle.Transition::reasonRequired)
                .allMatch(t -> t.to() == IncidentStatus.CANCELLED || t.to() == IncidentStatus.AWAITING_INFO
                        || t.from() == IncidentStatus.RESOLVED && t.to() == IncidentStatus.IN_PROGRESS);
        assertThat(Lifecycle.find(IncidentStatus.RESOLVED, IncidentStatus.IN_PROGRESS, null).orElseThrow()
                .reasonRequired()).isTrue();
        assertThat(Lifecycle.find(IncidentStatus.NEW, IncidentStatus.TRIAGED, null).orElseThrow()
                .reasonRequired()).isFalse();
    }

    @Test
    void closedAndCancelledAreFinal() {
        for (IncidentStatus to : IncidentStatus.values()) {
            assertThat(Lifecycle.find(IncidentStatus.CLOSED, to, null)).isEmpty();
            assertThat(Lifecycle.find(IncidentStatus.CANCELLED, to, null)).isEmpty();
        }
        assertThat(IncidentStatus.CLOSED.isEnded()).isTrue();
        assertThat(IncidentStatus.CANCELLED.isEnded()).isTrue();
    }

    @Test
    void openMeansInTheSuppliersHandsAndResolvedIsNeitherOpenNorEnded() {
        assertThat(java.util.Arrays.stream(IncidentStatus.values()).filter(IncidentStatus::isOpen))
                .containsExactly(IncidentStatus.NEW, IncidentStatus.TRIAGED, IncidentStatus.IN_PROGRESS,
                        IncidentStatus.AWAITING_INFO);
        assertThat(IncidentStatus.RESOLVED.isOpen()).isFalse();
        assertThat(IncidentStatus.RESOLVED.isEnded()).isFalse();
        for (IncidentStatus status : IncidentStatus.values()) {
            assertThat(status.isOpen() && status.isEnded()).as(status.name()).isFalse();
        }
    }

    @Test
    void aMajorIncidentsResolutionResolvesEveryOpenIncidentAndNoOther() {
        assertThat(java.util.Arrays.stream(IncidentStatus.values()).filter(Lifecycle::resolvedWithMajorIncident))
                .containsExactlyElementsOf(IncidentStatus.OPEN);
        assertThat(Lifecycle.find(IncidentStatus.NEW, IncidentStatus.RESOLVED, null))
                .as("no party resolves an untriaged incident itself").isEmpty();
    }
}
