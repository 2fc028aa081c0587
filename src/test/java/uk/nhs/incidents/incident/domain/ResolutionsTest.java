package uk.nhs.incidents.incident.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.ConflictException;
import uk.nhs.incidents.common.problem.DomainException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.UnprocessableException;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.ResolutionCode;

class ResolutionsTest {

    private static final Resolutions.Pointed RX9 = new Resolutions.Pointed("RX9", "RX9", "QNQ");
    private static final Resolutions.Duplicating COPY = new Resolutions.Duplicating(2, RX9);
    private static final Instant RESOLVED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-05T10:00:00Z");

    private static String fieldOf(Throwable refusal) {
        return ((DomainException) refusal).violations().get(0).field();
    }

    private static Resolutions.Original original(String reporter, IncidentStatus status, String duplicateOf) {
        return original(new Resolutions.Pointed(reporter, reporter, "QNQ"), status, duplicateOf);
    }

    private static Resolutions.Original original(Resolutions.Pointed parties, IncidentStatus status,
            String duplicateOf) {
        return new Resolutions.Original(1, "INC-2026-000001", parties, status, duplicateOf);
    }

    @Test
    void resolvingTakesACodeAndASummaryButADuplicateOnlyTheIncidentItDuplicates() {
        assertThatCode(() -> Resolutions.checkMove(IncidentStatus.RESOLVED, ResolutionCode.FIXED, "Patched", null))
                .doesNotThrowAnyException();
        assertThatCode(() -> Resolutions.checkMove(IncidentStatus.RESOLVED, ResolutionCode.DUPLICATE, null, 1L))
                .doesNotThrowAnyException();
        assertThat(fieldOf(catchThrowableOfType(InvalidInputException.class,
                () -> Resolutions.checkMove(IncidentStatus.RESOLVED, null, "Patched", null)))).isEqualTo("resolutionCode");
        assertThat(fieldOf(catchThrowableOfType(InvalidInputException.class,
                () -> Resolutions.checkMove(IncidentStatus.RESOLVED, ResolutionCode.WORKAROUND, " ", null))))
                .isEqualTo("reason");
        assertThat(fieldOf(catchThrowableOfType(InvalidInputException.class,
                () -> Resolutions.checkMove(IncidentStatus.RESOLVED, ResolutionCode.DUPLICATE, "Same", null))))
                .isEqualTo("duplicateOf");
        assertThat(fieldOf(catchThrowableOfType(InvalidInputException.class,
                () -> Resolutions.checkMove(IncidentStatus.RESOLVED, ResolutionCode.FIXED, "Patched", 1L))))
                .isEqualTo("duplicateOf");
    }

    @Test
    void onlyAResolutionTakesACodeOrAnIncidentItDuplicates() {
        assertThat(fieldOf(catchThrowableOfType(InvalidInputException.class,
                () -> Resolutions.checkMove(IncidentStatus.CLOSED, ResolutionCode.FIXED, null, null))))
                .isEqualTo("resolutionCode");
        assertThat(fieldOf(catchThrowableOfType(InvalidInputException.class,
                () -> Resolutions.checkMove(IncidentStatus.TRIAGED, null, null, 1L)))).isEqualTo("duplicateOf");
        assertThatCode(() -> Resolutions.checkMove(IncidentStatus.TRIAGED, null, null, null)).doesNotThrowAnyException();
    }

    @Test
    void anIncidentDuplicatesAnotherOfItsOrganisationThatCarriesOn() {
        assertThatCode(() -> Resolutions.checkDuplicate(COPY, original("RX9", IncidentStatus.IN_PROGRESS, null),
                0)).doesNotThrowAnyException();
        assertThatCode(() -> Resolutions.checkDuplicate(COPY, original("RX9", IncidentStatus.CLOSED, null),
                0)).as("the same fault, fixed already").doesNotThrowAnyException();
    }

    @Test
    void anotherOrganisationsIncidentIsForAMajorIncidentNotADuplicate() {
        UnprocessableException refusal = catchThrowableOfType(UnprocessableException.class,
                () -> Resolutions.checkDuplicate(COPY, original("A81001", IncidentStatus.NEW, null), 0));
        assertThat(refusal.type()).isEqualTo("duplicate-across-organisations");
        assertThat(refusal.getMessage()).contains("major incident");
    }

    /**
     * The Service Desk raises every live incident it posts, so its reports from two providers share their reporter:
     * a duplicate would point the one provider, and its owner, to an incident they cannot read.
     */
    @Test
    void anIncidentOnAnotherProvidersOrOwnersDeploymentIsNotADuplicateThoughOneOrganisationRaisedBoth() {
        Resolutions.Duplicating desk = new Resolutions.Duplicating(2, new Resolutions.Pointed("NSD", "RX9", "QNQ"));
        for (Resolutions.Pointed other : new Resolutions.Pointed[] {new Resolutions.Pointed("NSD", "RYA", "QNQ"),
                new Resolutions.Pointed("NSD", "RX9", "QOX")}) {
            assertThat(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkDuplicate(desk,
                    original(other, IncidentStatus.IN_PROGRESS, null), 0)).type())
                    .isEqualTo("duplicate-across-organisations");
        }
        assertThatCode(() -> Resolutions.checkDuplicate(desk,
                original(new Resolutions.Pointed("NSD", "RX9", "QNQ"), IncidentStatus.IN_PROGRESS, null), 0))
                .doesNotThrowAnyException();
    }

    @Test
    void aTestIncidentOwnedByItsProviderDuplicatesALiveOneTheProviderRaised() {
        Resolutions.Duplicating test = new Resolutions.Duplicating(2, new Resolutions.Pointed("RX9", "RX9", "RX9"));
        assertThatCode(() -> Resolutions.checkDuplicate(test, original("RX9", IncidentStatus.IN_PROGRESS, null), 0))
                .doesNotThrowAnyException();
    }

    @Test
    void noDuplicateOfItselfOfACancelledIncidentNorAnyChain() {
        assertThat(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkDuplicate(
                new Resolutions.Duplicating(1, RX9), original("RX9", IncidentStatus.NEW, null), 0)))
                .hasFieldOrPropertyWithValue("status", 422);
        assertThat(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkDuplicate(COPY,
                original("RX9", IncidentStatus.CANCELLED, null), 0)).violations().get(0).message())
                .contains("cancelled");
        assertThat(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkDuplicate(COPY,
                original("RX9", IncidentStatus.RESOLVED, "INC-2026-000007"), 0)).violations().get(0).message())
                .contains("itself a duplicate of INC-2026-000007");
        assertThat(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkDuplicate(COPY,
                original("RX9", IncidentStatus.NEW, null), 2)).violations().get(0).message())
                .contains("the one 2 other incident(s) duplicate");
    }

    @Test
    void aFixFollowsAWorkaroundOnceBetweenItsResolutionAndNow() {
        assertThatCode(() -> Resolutions.checkFix(IncidentStatus.CLOSED, ResolutionCode.WORKAROUND, RESOLVED, null,
                NOW, NOW)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ConflictException.class, () -> Resolutions.checkFix(IncidentStatus.IN_PROGRESS,
                null, null, null, NOW, NOW)).type()).isEqualTo("not-resolved");
        assertThat(catchThrowableOfType(ConflictException.class, () -> Resolutions.checkFix(IncidentStatus.RESOLVED,
                ResolutionCode.FIXED, RESOLVED, null, NOW, NOW)).type()).isEqualTo("not-a-workaround");
        assertThat(catchThrowableOfType(ConflictException.class, () -> Resolutions.checkFix(IncidentStatus.RESOLVED,
                ResolutionCode.WORKAROUND, RESOLVED, NOW, NOW, NOW)).type()).isEqualTo("fix-recorded");
        assertThat(fieldOf(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkFix(
                IncidentStatus.RESOLVED, ResolutionCode.WORKAROUND, RESOLVED, null, RESOLVED.minusSeconds(1), NOW))))
                .isEqualTo("fixedAt");
        assertThat(fieldOf(catchThrowableOfType(UnprocessableException.class, () -> Resolutions.checkFix(
                IncidentStatus.RESOLVED, ResolutionCode.WORKAROUND, RESOLVED, null, NOW.plusSeconds(1), NOW))))
                .isEqualTo("fixedAt");
    }
}
