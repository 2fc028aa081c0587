package uk.nhs.incidents.major.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.ActionForbiddenException;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.vocabulary.ResolutionCode;

class MajorIncidentRulesTest {

    private static Caller caller(String role, String organisation) {
        return new Caller("someone", organisation, Set.of(role));
    }

    private static final Caller SERVICE_DESK = caller(Roles.SERVICE_DESK, "X26SD");
    private static final Caller SUPPLIER = caller(Roles.SUPPLIER, "YGM01");

    @Test
    void aSupplierDeclaresForItsOwnPlatformAndTheNationalPartiesForAnyOrNone() {
        assertThat(MajorIncidentRules.supplier(SUPPLIER, Optional.empty())).contains("YGM01");
        assertThat(MajorIncidentRules.supplier(SUPPLIER, Optional.of("YGM01"))).contains("YGM01");
        assertThatThrownBy(() -> MajorIncidentRules.supplier(SUPPLIER, Optional.of("YGM02")))
                .isInstanceOf(ActionForbiddenException.class);
        assertThat(MajorIncidentRules.supplier(SERVICE_DESK, Optional.empty())).isEmpty();
        assertThat(MajorIncidentRules.supplier(caller(Roles.HUB, "X24"), Optional.of("YGM02"))).contains("YGM02");
    }

    @Test
    void theServiceDeskLinksLiveIncidentsASupplierItsOwnAndAnAdminAny() {
        assertThatCode(() -> MajorIncidentRules.checkMayLink(SERVICE_DESK, Phase.LIVE, "YGM02"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MajorIncidentRules.checkMayLink(SERVICE_DESK, Phase.TEST, "YGM02"))
                .isInstanceOf(ActionForbiddenException.class);
        assertThatCode(() -> MajorIncidentRules.checkMayLink(SUPPLIER, Phase.TEST, "YGM01")).doesNotThrowAnyException();
        assertThatThrownBy(() -> MajorIncidentRules.checkMayLink(SUPPLIER, Phase.LIVE, "YGM02"))
                .isInstanceOf(ActionForbiddenException.class);
        assertThatCode(() -> MajorIncidentRules.checkMayLink(caller(Roles.ADMIN, "X26"), Phase.TEST, "YGM02"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MajorIncidentRules.checkMayLink(caller(Roles.HUB, "X24"), Phase.LIVE, "YGM02"))
                .isInstanceOf(ActionForbiddenException.class);
    }

    @Test
    void theServiceDeskUnlinksAnyIncidentASupplierItsOwnAndAnAdminAny() {
        assertThatCode(() -> MajorIncidentRules.checkMayUnlink(SERVICE_DESK, "YGM02")).doesNotThrowAnyException();
        assertThatCode(() -> MajorIncidentRules.checkMayUnlink(SUPPLIER, "YGM01")).doesNotThrowAnyException();
        assertThatThrownBy(() -> MajorIncidentRules.checkMayUnlink(SUPPLIER, "YGM02"))
                .isInstanceOf(ActionForbiddenException.class);
        assertThatCode(() -> MajorIncidentRules.checkMayUnlink(caller(Roles.ADMIN, "X26"), "YGM02"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MajorIncidentRules.checkMayUnlink(caller(Roles.HUB, "X24"), "YGM02"))
                .isInstanceOf(ActionForbiddenException.class);
    }

    @Test
    void theDeclaringPartiesResolveAnyAndASupplierOnlyItsOwnPlatformsWithAnyCodeButDuplicate() {
        assertThatCode(() -> MajorIncidentRules.checkMayResolve(SERVICE_DESK, "YGM02")).doesNotThrowAnyException();
        assertThatCode(() -> MajorIncidentRules.checkMayResolve(SUPPLIER, "YGM01")).doesNotThrowAnyException();
        assertThatThrownBy(() -> MajorIncidentRules.checkMayResolve(SUPPLIER, "YGM02"))
                .isInstanceOf(ActionForbiddenException.class);
        assertThatThrownBy(() -> MajorIncidentRules.checkMayResolve(SUPPLIER, null))
                .isInstanceOf(ActionForbiddenException.class);
        assertThatThrownBy(() -> MajorIncidentRules.checkResolutionCode(ResolutionCode.DUPLICATE))
                .isInstanceOf(InvalidInputException.class);
        assertThatCode(() -> MajorIncidentRules.checkResolutionCode(ResolutionCode.NO_FAULT_FOUND))
                .doesNotThrowAnyException();
    }
}
