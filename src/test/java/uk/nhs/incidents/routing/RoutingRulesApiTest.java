package uk.nhs.incidents.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

@QuarkusTest
class RoutingRulesApiTest {

    private static List<Map<String, Object>> rules() {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private static String etag() {
        return given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().statusCode(200)
                .extract().header("ETag");
    }

    /** Replaces the rules as an admin does: with the ETag it has just read. */
    private static ValidatableResponse replace(List<Map<String, Object>> rules) {
        return replace(rules, etag());
    }

    private static ValidatableResponse replace(List<Map<String, Object>> rules, String etag) {
        return given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(rules).put("/api/v1/routing/rules").then();
    }

    private static void put(List<Map<String, Object>> rules, int status) {
        replace(rules).statusCode(status);
    }

    @Test
    void theSeededRuleSetIsDomainMdsTable() {
        given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().statusCode(200)
                .body("$", hasSize(18))
                .body("[0].part", equalTo("RESOLVER")).body("[0].party", equalTo("SUPPLIER"));
    }

    @Test
    void onlyAnAdminReadsOrChangesTheRules() {
        given().auth().oauth2(Tokens.as("supplier", Fixtures.organisation("SUPPLIER"))).get("/api/v1/routing/rules").then().statusCode(403);
        given().auth().oauth2(Tokens.as("icb", Fixtures.organisation("ICB"))).contentType(ContentType.JSON).body(List.of())
                .put("/api/v1/routing/rules").then().statusCode(403);
    }

    @Test
    void aRuleSetThatLeavesIncidentsWithoutAnOwnerIsRefused() {
        List<Map<String, Object>> withoutAccountable = new ArrayList<>(rules());
        withoutAccountable.removeIf(r -> "ACCOUNTABLE".equals(r.get("part")) && "LIVE".equals(r.get("phase")));
        replace(withoutAccountable).statusCode(422).body("detail", containsString("accountable"))
                .body("detail", containsString("e.g. a LIVE ")).body("detail", not(containsString("RoutingFacts")));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().body("$", hasSize(18));
    }

    @Test
    void aReplacementNamingARuleSetReplacedSinceIsRefusedAndChangesNothing() {
        List<Map<String, Object>> original = rules();
        List<Map<String, Object>> reworded = new ArrayList<>(original);
        Map<String, Object> last = new HashMap<>(reworded.get(reworded.size() - 1));
        last.put("reason", last.get("reason") + " (reworded)");
        reworded.set(reworded.size() - 1, last);
        String read = etag();
        try {
            String replaced = replace(reworded, read).statusCode(200).extract().header("ETag");
            assertThat(replaced).isNotEqualTo(read).isEqualTo(etag());

            List<Map<String, Object>> shorter = new ArrayList<>(original);
            shorter.remove(shorter.size() - 1);
            replace(shorter, read).statusCode(412).contentType("application/problem+json");
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(shorter)
                    .put("/api/v1/routing/rules").then().statusCode(428);
            assertThat(rules()).isEqualTo(reworded);
            assertThat(etag()).isEqualTo(replaced);
        } finally {
            put(original, 200);
        }
    }

    /**
     * A rule set saved exactly as read changes nothing, its ETag included: another admin's replacement of the version
     * it read is not refused for it.
     */
    @Test
    void aRuleSetSavedExactlyAsReadKeepsItsVersion() {
        List<Map<String, Object>> original = rules();
        String read = etag();
        replace(original, read).statusCode(200).header("ETag", read);
        assertThat(etag()).isEqualTo(read);
        assertThat(rules()).isEqualTo(original);
    }

    /**
     * A rule change reaches an open incident when it is next re-routed (here a reclassification), not when its
     * deployment is merely renamed: that edit leaves every incident as it was, its routing and history included.
     */
    @Test
    void aRuleChangeReachesAnOpenIncidentAtItsNextReclassificationNotAtARenameOfItsDeployment() {
        List<Map<String, Object>> original = rules();
        Fixtures.National national = Fixtures.national();
        Fixtures.Site site = Fixtures.bars();
        long id = Fixtures.raise(site, "LIVE", 5);
        String etagBefore = Workflow.etag(Tokens.admin(), id);
        List<Map<String, Object>> changed = new ArrayList<>(original);
        changed.add(Map.of("phase", "LIVE", "part", "INFORMED", "party", "PROCUREMENT_HUB", "contact", "INCIDENT",
                "reason", "Pilot: the hub follows every live incident"));
        try {
            put(changed, 200);
            Map<String, Object> renamed = Fixtures.deployment(site.supplier(), site.provider(), site.icb(), "BARS",
                    "COMMISSIONER", false);
            renamed.put("systemName", "Booking system, renamed");
            Fixtures.replaceDeployment(site.deploymentId(), renamed).statusCode(200);

            assertThat(Workflow.etag(Tokens.admin(), id)).isEqualTo(etagBefore);
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                    .body("items.action", not(hasItem("ROUTING_CHANGED")));

            Workflow.reclassify(Tokens.as("supplier", site.supplier()), id,
                    Map.of("severity", 4, "reason", "More callers affected")).statusCode(200);
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id).then().statusCode(200)
                    .body("routing.informed.organisation", hasItem(national.hub()));
        } finally {
            put(original, 200);
        }
    }

    /**
     * The Service Desk's involvement of the BaRS programme is a routing condition: where an operator's rule informs
     * the programme already, it is recorded all the same and keeps the programme once that rule stops matching; where
     * no rule would inform it, it is refused and nothing is written.
     */
    @Test
    void theBarsProgrammesInvolvementIsRecordedWhereARuleInformsItAlreadyAndRefusedWhereNoneWould() {
        List<Map<String, Object>> original = rules();
        Fixtures.National national = Fixtures.national();
        Fixtures.Site site = Fixtures.bars();
        String serviceDesk = Tokens.as("service-desk", national.serviceDesk());
        List<Map<String, Object>> withoutInvolvement = original.stream()
                .filter(rule -> !Boolean.TRUE.equals(rule.get("barsProgrammeInvolved"))).toList();
        List<Map<String, Object>> highSeverityToo = new ArrayList<>(original);
        highSeverityToo.add(Map.of("phase", "LIVE", "programme", "BARS", "maxSeverity", 2, "part", "INFORMED",
                "party", "BARS_PROGRAMME", "contact", "INCIDENT", "reason",
                "Pilot: the BaRS team follows severe ones"));
        try {
            put(withoutInvolvement, 200);
            long refused = Fixtures.raise(site, "LIVE", 2);
            String etag = Workflow.etag(serviceDesk, refused);
            involve(serviceDesk, refused, etag).statusCode(409)
                    .body("type", containsString("bars-programme-not-routed"));
            assertThat(Workflow.etag(serviceDesk, refused)).as("nothing written").isEqualTo(etag);

            put(highSeverityToo, 200);
            long informed = Fixtures.raise(site, "LIVE", 2);
            involve(serviceDesk, informed, Workflow.etag(serviceDesk, informed)).statusCode(200);
            Workflow.reclassify(Tokens.as("supplier", site.supplier()), informed,
                    Map.of("severity", 3, "reason", "Only some referrals fail")).statusCode(200)
                    .body("routing.informed.organisation", hasItem(national.bars()));
        } finally {
            put(original, 200);
        }
    }

    /**
     * The involvement re-routes by the rules in use, a rule set replaced since the incident was routed included: the
     * organisations it takes off, or moves out of an owner's part, are told so, as a deployment edit tells them (the
     * reclassification that re-routes otherwise tells every party it came from).
     */
    @Test
    void theBarsProgrammesInvolvementTellsThoseAReplacedRuleSetTakesOffOrMovesOutOfTheirPart() {
        List<Map<String, Object>> original = rules();
        Fixtures.National national = Fixtures.national();
        Fixtures.Site site = Fixtures.bars();
        String serviceDesk = Tokens.as("service-desk", national.serviceDesk());
        long id = Fixtures.raise(serviceDesk, Fixtures.incident(site.deploymentId(), "LIVE", 2));
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map<String, Object> rule : original) {
            boolean commissioner = "COMMISSIONER".equals(rule.get("procurementRoute"));
            if (commissioner && "PROCUREMENT_HUB".equals(rule.get("party"))) {
                continue;
            }
            Map<String, Object> kept = new HashMap<>(rule);
            if (commissioner && "ACCOUNTABLE".equals(rule.get("part"))) {
                kept.put("party", "PROVIDER");
            }
            changed.add(kept);
        }
        try {
            put(changed, 200);
            involve(serviceDesk, id, Workflow.etag(serviceDesk, id)).statusCode(200)
                    .body("routing.accountable.organisation", equalTo(site.provider()));

            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id + "/history").then().statusCode(200)
                    .body("items.findAll { it.action == 'PARTY_REMOVED' }.collect { it.field + ' ' + it.from }",
                            containsInAnyOrder("party " + national.hub(),
                                    "ACCOUNTABLE " + site.icb()))
                    .body("items.find { it.action == 'PARTY_REMOVED' && it.field == 'ACCOUNTABLE' }.to",
                            equalTo(site.provider()))
                    .body("items.find { it.action == 'PARTY_REMOVED' && it.field == 'ACCOUNTABLE' }.reason",
                            equalTo("The BaRS programme was involved, and the incident re-routed by the rules in use;"
                                    + " it was accountable and remains kept informed"));
            given().auth().oauth2(Tokens.admin()).get("/api/v1/incidents/" + id + "/notifications").then()
                    .body("items.findAll { it.event == 'PARTY_REMOVED' }.recipientOrganisation",
                            containsInAnyOrder(national.hub(), site.icb()));
        } finally {
            put(original, 200);
        }
    }

    private static ValidatableResponse involve(String token, long id, String etag) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("reason", "The BaRS proxy drops referrals"))
                .post("/api/v1/incidents/" + id + "/bars-programme-involvement").then();
    }

    /**
     * Beyond the years the bank-holiday calendar lists (the shipped file's 2019 to 2028), a preview's deadlines would
     * count every holiday as a working day, and near 9999 run past what a date-time writes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"+999999-01-01T00:00:00Z", "9999-12-31T00:00:00Z", "2031-06-01T09:00:00Z",
            "2018-12-31T23:59:59Z"})
    void aPreviewAtAnInstantNoCalendarHoldsIsA400(String raisedAt) {
        Fixtures.Site site = Fixtures.bars();
        given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON)
                .body(Map.of("deploymentId", site.deploymentId(), "phase", "LIVE", "severity", 3,
                        "raisedAt", raisedAt))
                .post("/api/v1/routing/preview").then().statusCode(400)
                .body("violations[0].field", equalTo("raisedAt"));
    }

    /** Each invalid field is named by its rule's place, as the service's own checks name them: [18].reason. */
    @Test
    void anInvalidRuleIsA400NamingTheRuleAndItsField() {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        Map<String, Object> bad = new HashMap<>(rules.get(0));
        bad.put("reason", "");
        bad.put("minSeverity", 0);
        rules.add(bad);
        replace(rules).statusCode(400).body("violations.field", contains("[18].minSeverity", "[18].reason"));
    }

    /** A value of the wrong JSON type is told in JSON's terms, not by the service's class names. */
    @Test
    void aRuleSetOfTheWrongJsonTypeIsToldWhatTypeWasExpected() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).header("If-Match", etag())
                .body("{\"rules\": []}").put("/api/v1/routing/rules").then().statusCode(400)
                .body("violations[0].message", equalTo("Expected an array."));
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        Map<String, Object> bad = new HashMap<>(rules.get(0));
        bad.put("minSeverity", List.of(1));
        rules.set(0, bad);
        replace(rules).statusCode(400).body("violations[0].field", equalTo("[0].minSeverity"))
                .body("violations[0].message", equalTo("Expected an integer."));
    }

    @Test
    void anAdminChangesTheRulesWithoutARelease() {
        List<Map<String, Object>> original = rules();
        List<Map<String, Object>> changed = new ArrayList<>(original);
        Map<String, Object> extra = new HashMap<>();
        extra.put("phase", "LIVE");
        extra.put("part", "INFORMED");
        extra.put("party", "PROCUREMENT_HUB");
        extra.put("contact", "INCIDENT");
        extra.put("reason", "Pilot: the hub follows every live incident");
        changed.add(extra);
        try {
            put(changed, 200);
            Fixtures.National national = Fixtures.national();
            Fixtures.Site site = Fixtures.bars();
            given().auth().oauth2(Tokens.as("provider", site.provider())).contentType(ContentType.JSON)
                    .body(Map.of("deploymentId", site.deploymentId(), "phase", "LIVE", "severity", 5))
                    .post("/api/v1/routing/preview").then().statusCode(200)
                    .body("routing.informed.find { it.organisation == '" + national.hub() + "' }.reasons[0]",
                            equalTo("Pilot: the hub follows every live incident"));
        } finally {
            put(original, 200);
        }
    }

    /**
     * Each rule's reason is at most 500 characters, but the reasons of every rule naming one recipient are kept
     * together: five of them once overflowed the stored routing, and every raise they matched failed with a 500.
     */
    @Test
    void informedRulesWhoseReasonsTogetherRunLongStillRouteARaiseWithEveryReason() {
        List<Map<String, Object>> original = rules();
        List<Map<String, Object>> changed = new ArrayList<>(original);
        for (int most = 1; most <= 5; most++) {
            Map<String, Object> rule = new HashMap<>();
            rule.put("phase", "LIVE");
            rule.put("maxSeverity", most);
            rule.put("part", "INFORMED");
            rule.put("party", "PROCUREMENT_HUB");
            rule.put("contact", "INCIDENT");
            rule.put("reason", ("Severity 1 to " + most + ": ").concat("r".repeat(500)).substring(0, 500));
            changed.add(rule);
        }
        try {
            put(changed, 200);
            Fixtures.National national = Fixtures.national();
            Fixtures.Site site = Fixtures.bars();
            long id = Fixtures.raise(site, "LIVE", 1);
            given().auth().oauth2(Tokens.as("provider", site.provider())).get("/api/v1/incidents/" + id).then()
                    .statusCode(200)
                    .body("routing.informed.find { it.organisation == '" + national.hub() + "' }.reasons"
                            + ".findAll { it.startsWith('Severity 1 to') && it.length() == 500 }", hasSize(5));
        } finally {
            put(original, 200);
        }
    }

    /** A number of over a thousand digits inside a rule is beyond what the parser reads: malformed JSON. */
    @Test
    void aNumberOfOverAThousandDigitsInARuleIsMalformedJsonAndChangesNothing() {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        int index = 0;
        while (rules.get(index).values().stream().noneMatch(Integer.class::isInstance)) {
            index++;
        }
        Map<String, Object> numbered = new HashMap<>(rules.get(index));
        String numeric = numbered.entrySet().stream().filter(e -> e.getValue() instanceof Integer)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        numbered.put(numeric, new BigInteger("1".repeat(1001)));
        rules.set(index, numbered);
        replace(rules).statusCode(400).body("type", equalTo("urn:nhs-incidents:problem:malformed-json"));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().body("$", hasSize(18));
    }

    private static void refused(List<Map<String, Object>> rules, String field) {
        replace(rules).statusCode(400).contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem(field));
        given().auth().oauth2(Tokens.admin()).get("/api/v1/routing/rules").then().body("$", hasSize(18));
    }

    /** A national party made resolver or owner could move none of the incidents, and would break every raise. */
    @Test
    void aResolverOrAccountablePartyThatCannotActInItsPartIsRefusedNamingIt() {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        Map<String, Object> programme = new HashMap<>(rules.get(0));
        programme.put("party", "BARS_PROGRAMME");
        rules.add(0, programme);
        refused(rules, "[0].party");

        List<Map<String, Object>> hubOwned = new ArrayList<>(rules());
        Map<String, Object> hub = new HashMap<>(hubOwned.get(1));
        hub.put("party", "PROCUREMENT_HUB");
        hubOwned.add(1, hub);
        refused(hubOwned, "[1].party");
    }

    /**
     * A resolver or owner reached at its Clinical Safety Officer's mailbox would never be asked at its incident
     * mailbox to triage or to own the incident, and the officer would be told of a review nobody asked for.
     */
    @ParameterizedTest(name = "rule [{0}]")
    @ValueSource(ints = {0, 2})
    void aResolverOrAccountablePartyReachedAtItsCsoMailboxIsRefusedNamingTheContact(int index) {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        Map<String, Object> changed = new HashMap<>(rules.get(index));
        assertThat(changed.get("part")).isIn("RESOLVER", "ACCOUNTABLE");
        changed.put("contact", "CSO");
        rules.set(index, changed);
        refused(rules, "[" + index + "].contact");
    }

    @Test
    void aRuleWhoseSeverityRangeIsEmptyIsRefusedNamingIt() {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        Map<String, Object> empty = new HashMap<>(rules.get(0));
        empty.put("minSeverity", 4);
        empty.put("maxSeverity", 2);
        empty.put("reason", "An empty range");
        rules.add(empty);
        refused(rules, "[18].minSeverity");
    }

    @Test
    void aRuleThatRepeatsAnEarlierOneIsRefusedNamingIt() {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        Map<String, Object> repeated = new HashMap<>(rules.get(3));
        repeated.put("reason", "The same rule again");
        rules.add(repeated);
        refused(rules, "[18]");
    }

    @Test
    void aRuleSetLongerThanTheCapIsRefused() {
        List<Map<String, Object>> rules = new ArrayList<>(rules());
        while (rules.size() <= 200) {
            Map<String, Object> copy = new HashMap<>(rules.get(0));
            copy.put("reason", "Copy " + rules.size());
            rules.add(copy);
        }
        refused(rules, "body");
    }
}
