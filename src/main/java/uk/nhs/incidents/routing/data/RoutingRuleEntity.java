package uk.nhs.incidents.routing.data;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.party.domain.Programme;
import uk.nhs.incidents.routing.domain.Contact;
import uk.nhs.incidents.routing.domain.Part;
import uk.nhs.incidents.routing.domain.PartyRole;
import uk.nhs.incidents.routing.domain.RoutingRule;

@Entity
@Table(name = "routing_rule")
public class RoutingRuleEntity {

    @Id
    @GeneratedValue
    public Long id;

    public int position;

    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Enumerated(EnumType.STRING)
    @Column(name = "procurement_route")
    public ProcurementRoute route;

    @Column(name = "min_severity")
    public Integer minSeverity;

    @Column(name = "max_severity")
    public Integer maxSeverity;

    @Enumerated(EnumType.STRING)
    public Programme programme;

    @Column(name = "clinical_safety")
    public Boolean clinicalSafety;

    @Column(name = "national_component_suspected")
    public Boolean nationalComponentSuspected;

    @Column(name = "icb_support_agreed")
    public Boolean icbSupportAgreed;

    @Column(name = "raised_by_service_desk")
    public Boolean raisedByServiceDesk;

    @Column(name = "bars_programme_involved")
    public Boolean barsProgrammeInvolved;

    @Enumerated(EnumType.STRING)
    public Part part;

    @Enumerated(EnumType.STRING)
    public PartyRole party;

    @Enumerated(EnumType.STRING)
    public Contact contact;

    @Column(name = "best_effort")
    public boolean bestEffort;

    public String reason;

    public RoutingRule toRule() {
        return new RoutingRule(phase, route, minSeverity, maxSeverity, programme, clinicalSafety,
                nationalComponentSuspected, icbSupportAgreed, raisedByServiceDesk, barsProgrammeInvolved, part, party,
                contact, bestEffort, reason);
    }

    public static RoutingRuleEntity of(int position, RoutingRule rule) {
        RoutingRuleEntity entity = new RoutingRuleEntity();
        entity.position = position;
        entity.phase = rule.phase();
        entity.route = rule.route();
        entity.minSeverity = rule.minSeverity();
        entity.maxSeverity = rule.maxSeverity();
        entity.programme = rule.programme();
        entity.clinicalSafety = rule.clinicalSafety();
        entity.nationalComponentSuspected = rule.nationalComponentSuspected();
        entity.icbSupportAgreed = rule.icbSupportAgreed();
        entity.raisedByServiceDesk = rule.raisedByServiceDesk();
        entity.barsProgrammeInvolved = rule.barsProgrammeInvolved();
        entity.part = rule.part();
        entity.party = rule.party();
        entity.contact = rule.contact();
        entity.bestEffort = rule.bestEffort();
        entity.reason = rule.reason();
        return entity;
    }
}
