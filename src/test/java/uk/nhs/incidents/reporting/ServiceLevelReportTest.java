package uk.nhs.incidents.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.reporting.data.ReportStatements;
import uk.nhs.incidents.reporting.service.ReportConfig;
import uk.nhs.incidents.security.DevToken;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.PinnedTime;
import uk.nhs.incidents.support.TestClock;
import uk.nhs.incidents.support.Tokens;
import uk.nhs.incidents.support.Workflow;

/**
 * Reports over a hand-built scenario played at known instants in March and April 2025 (a year no other test
 * writes in), whose every figure is worked out below from the service-level rules: 24x7 clocks for severities 1
 * and 2, service hours (08:00-18:00 London, Monday to Friday, bank holidays excluded) for 3 and 4.
 *
 * <pre>
 * site A: supplier SA, provider PA, ICB IA, BaRS, commissioner route
 * site B: supplier SB, practice PB, ICB IB, online consultation, practice route
 * site C: supplier SA, provider PC, ICB IB, online consultation, commissioner route
 *
 * I10 A sev3 raised Fri 28 Feb 17:00 (outside the period); triaged Mon 3 Mar 09:00: 1h + 1h = 7200 met
 * I1  A sev2 raised Mon 3 Mar 09:00; triaged 09:20 (1200 met); waiting on PA 10:00-12:00; resolved 17:00:
 *            8h - 2h paused = 21600 met, 7200 paused on a PROVIDER
 * I2  A sev2 raised Tue 4 Mar 09:00; triaged 09:45 (2700, breached 30 min); reclassified to sev1 at 12:00;
 *            resolved 19:00 (36000, breached 4h), recorded at sev1
 * I3  A sev3 raised Wed 5 Mar 16:00; triaged Thu 09:00 (2h + 1h = 10800 met); resolved Fri 7 Mar 12:00
 *            (2 + 10 + 4 = 16h = 57600 met); reopened Mon 10 Mar 10:00; resolved again Tue 11 Mar 14:00:
 *            2 + 10 + 10 + 10 + 6 = 38h less 8h resolved (Fri 12-18, Mon 08-10) = 108000 met, 28800 paused
 * I9  A sev3 raised Wed 12 Mar 09:00, cancelled 10:00: raised only
 * I5  B sev1 raised 31 Mar 23:30Z = 1 Apr 00:30 London (April); triaged +10 min (600 met); resolved 04:30Z
 *            (18000, breached 4h)
 * I6  B sev3 TEST raised Wed 2 Apr 10:00 BST, triaged 11:00 (3600 met): excluded unless phase=TEST
 * I7  C sev3 raised by the Service Desk Mon 7 Apr 10:00 BST, never triaged: open, breached
 * I4  B sev4 raised Thu 17 Apr 17:00 BST; triaged Tue 22 Apr 10:00 (1h + Easter + 2h = 10800 met); waiting on
 *            IB until Wed 10:00: open, 5h of 120h counted
 * I8  A sev3 raised Wed 23 Apr 08:30 BST: open, 3.5h of 4h at the report's now (Wed 23 Apr 12:00 BST): at risk
 * </pre>
 */
@QuarkusTest
@TestProfile(PinnedTime.class)
class ServiceLevelReportTest {

    private static final String REPORTS = "/api/v1/reports/service-levels";
    private static final Instant NOW = Instant.parse("2025-04-23T11:00:00Z");

    /** The scenario's parties, played once for the whole class. */
    private record Scenario(Site a, Site b, Site c, String firstWeekBeforeReopening) {
    }

    private static Scenario scenario;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReportConfig reports;

    /**
     * Plays the scenario once, then holds the clock at the report's now for each test: open, at-risk and breached
     * incidents are counted at that instant.
     */
    @BeforeEach
    void play() {
        if (scenario == null) {
            scenario = playScenario();
        }
        clock.pin(NOW);
    }

    // ---- expected figures: a count not named is 0, a median or 90th percentile not named was not measured ----

    private static Row total() {
        return row("total").raised(8)
                .triage(met(5).breached(1).median(4950).p90(10800))
                .resolution(met(2).breached(2).median(28800).p90(86400))
                .reopened(1).paused(36000).pausedOn("PROVIDER", 7200).pausedOn("RESOLVED", 28800)
                .open(3).atRisk(1).openBreached(1);
    }

    private Row sa() {
        return row(scenario.a().supplier()).raised(6)
                .triage(met(3).breached(1).median(4950).p90(9720))
                .resolution(met(2).breached(1).median(36000).p90(93600))
                .reopened(1).paused(36000).pausedOn("PROVIDER", 7200).pausedOn("RESOLVED", 28800)
                .open(2).atRisk(1).openBreached(1);
    }

    private Row sb() {
        return row(scenario.b().supplier()).raised(2)
                .triage(met(2).median(5700).p90(9780))
                .resolution(met(0).breached(1).median(18000).p90(18000))
                .open(1);
    }

    @Test
    void bySupplierCountsEachSuppliersIncidentsAcrossItsDeployments() {
        assertReport(List.of("supplier"), List.of(sa(), sb()), total());
    }

    @Test
    void byIcbCountsTheIncidentsOnEachIcbsDeployments() {
        Row ia = row(scenario.a().icb()).raised(5)
                .triage(met(3).breached(1).median(4950).p90(9720))
                .resolution(met(2).breached(1).median(36000).p90(93600))
                .reopened(1).paused(36000).pausedOn("PROVIDER", 7200).pausedOn("RESOLVED", 28800)
                .open(1).atRisk(1);
        Row ib = row(scenario.b().icb()).raised(3)
                .triage(met(2).median(5700).p90(9780))
                .resolution(met(0).breached(1).median(18000).p90(18000))
                .open(2).openBreached(1);
        assertReport(List.of("icb"), List.of(ia, ib), total());
    }

    @Test
    void bySeverityCountsEachEventAtTheSeverityItHappenedAt() {
        List<Row> rows = List.of(
                row("1").raised(1)
                        .triage(met(1).median(600).p90(600))
                        .resolution(met(0).breached(2).median(27000).p90(34200)),
                row("2").raised(2)
                        .triage(met(1).breached(1).median(1950).p90(2550))
                        .resolution(met(1).median(21600).p90(21600))
                        .paused(7200).pausedOn("PROVIDER", 7200),
                row("3").raised(4)
                        .triage(met(2).median(9000).p90(10440))
                        .resolution(met(1).median(108000).p90(108000))
                        .reopened(1).paused(28800).pausedOn("RESOLVED", 28800)
                        .open(2).atRisk(1).openBreached(1),
                row("4").raised(1)
                        .triage(met(1).median(10800).p90(10800))
                        .open(1));
        assertReport(List.of("severity"), rows, total());
    }

    @Test
    void byMonthCountsEachEventInTheLondonMonthItHappenedIn() {
        List<Row> rows = List.of(
                row("2025-03").raised(4)
                        .triage(met(3).breached(1).median(4950).p90(9720))
                        .resolution(met(2).breached(1).median(36000).p90(93600))
                        .reopened(1).paused(36000).pausedOn("PROVIDER", 7200).pausedOn("RESOLVED", 28800),
                row("2025-04").raised(4)
                        .triage(met(2).median(5700).p90(9780))
                        .resolution(met(0).breached(1).median(18000).p90(18000))
                        .open(3).atRisk(1).openBreached(1));
        assertReport(List.of("month"), rows, total());
    }

    @Test
    void byResolutionCodeCountsEachResolutionUnderItsCodeAndWhatIsNoResolutionWithout() {
        Row others = row("null").raised(8)
                .triage(met(5).breached(1).median(4950).p90(10800))
                .open(3).atRisk(1).openBreached(1);
        Row configuration = row("CONFIGURATION")
                .resolution(met(1).median(108000).p90(108000))
                .reopened(1).paused(28800).pausedOn("RESOLVED", 28800);
        Row fixed = row("FIXED")
                .resolution(met(1).breached(1).median(19800).p90(21240))
                .paused(7200).pausedOn("PROVIDER", 7200);
        Row workaround = row("WORKAROUND")
                .resolution(met(0).breached(1).median(36000).p90(36000));
        assertReport(List.of("resolutionCode"), List.of(others, configuration, fixed, workaround), total());
    }

    @Test
    void aResolutionCodeFilterCountsOnlyTheResolutionsWithThoseCodes() {
        JsonPath report = json(Tokens.admin(), Map.of("resolutionCode", "WORKAROUND,FIXED"));
        assertThat(report.getList("filters.resolutionCode")).containsExactly("FIXED", "WORKAROUND");
        assertThat(report.getLong("total.resolved")).isEqualTo(3);
        assertThat(report.getLong("total.raised")).as("a raise is no resolution").isZero();
        assertThat(report.getLong("total.triage.met")).isZero();
        assertThat(report.getLong("total.open")).isZero();
        assertThat(json(Tokens.admin(), Map.of("resolutionCode", "UNSPECIFIED")).getLong("total.resolved"))
                .as("every resolution of the scenario has its code").isZero();
    }

    @Test
    void withoutGroupingTheReportIsTheTotal() {
        assertReport(List.of(), List.of(), total());
    }

    @Test
    void groupingsCombineInTheOrderGiven() {
        JsonPath report = json(Tokens.admin(), Map.of("groupBy", "supplier,month"));
        assertThat(report.getList("groups.collect { it.supplier.odsCode + ' ' + it.month + ' ' + it.figures.raised }"))
                .containsExactly(scenario.a().supplier() + " 2025-03 4", scenario.a().supplier() + " 2025-04 2",
                        scenario.b().supplier() + " 2025-04 2");
    }

    @Test
    void groupsFollowTheOrderOfTheGroupingsInJsonAndCsv() {
        JsonPath report = json(Tokens.admin(), Map.of("groupBy", "month,supplier"));
        assertThat(report.getList("groups.collect { it.month + ' ' + it.supplier.odsCode + ' ' + it.figures.raised }"))
                .containsExactly("2025-03 " + scenario.a().supplier() + " 4", "2025-04 " + scenario.a().supplier() + " 2",
                        "2025-04 " + scenario.b().supplier() + " 2");
        List<Map<String, String>> lines = csv(Map.of("groupBy", "month,supplier"));
        assertThat(lines.get(0).keySet()).startsWith("row", "month", "supplier", "supplier_name", "raised");
        assertThat(lines).extracting(l -> l.get("month") + " " + l.get("supplier") + " " + l.get("supplier_name"))
                .containsExactly("2025-03 " + scenario.a().supplier() + " SUPPLIER " + scenario.a().supplier(),
                        "2025-04 " + scenario.a().supplier() + " SUPPLIER " + scenario.a().supplier(),
                        "2025-04 " + scenario.b().supplier() + " SUPPLIER " + scenario.b().supplier(), "  ");
    }

    @Test
    void csvQuotesOnlyValuesThatNeedIt() {
        String body = period(Tokens.admin(), Map.of("groupBy", "supplier")).accept("text/csv").get(REPORTS).then()
                .statusCode(200).extract().asString();
        assertThat(body.lines().findFirst().orElseThrow()).contains(",resolution_median_seconds,").doesNotContain("\"");
    }

    @Test
    void aRoleWithoutReportsBesideOneWithReportsSeesWhatTheOneWithReportsSees() {
        String csoAndIcb = DevToken.roles("clinical-safety-officer", "icb").org(scenario.b().icb()).mint();
        assertThat(raisedBySupplier(csoAndIcb)).as("its ICB's deployments, though the CSO role alone has no reports")
                .containsExactly(scenario.a().supplier() + " 1", scenario.b().supplier() + " 2");
    }

    @Test
    void testPhaseIncidentsAreCountedOnlyWhenAskedFor() {
        JsonPath report = json(Tokens.admin(), Map.of("phase", "TEST"));
        assertThat(report.getList("filters.phase")).containsExactly("TEST");
        assertThat(report.getLong("total.raised")).isEqualTo(1);
        assertThat(report.getLong("total.triage.met")).isEqualTo(1);
        assertThat(report.getLong("total.triage.medianSeconds")).isEqualTo(3600);
        assertThat(report.getLong("total.open")).isEqualTo(1);
        assertThat(json(Tokens.admin(), Map.of("phase", "TEST,LIVE")).getLong("total.raised")).isEqualTo(9);
    }

    @Test
    void filtersNarrowTheCountedEvents() {
        assertThat(json(Tokens.admin(), Map.of("route", "PRACTICE")).getLong("total.raised")).isEqualTo(2);
        assertThat(json(Tokens.admin(), Map.of("severity", "1,2")).getLong("total.resolved")).isEqualTo(3);
        assertThat(json(Tokens.admin(), Map.of("deploymentId", scenario.c().deploymentId())).getLong("total.open"))
                .isEqualTo(1);
        assertThat(json(Tokens.admin(), Map.of("icb", scenario.a().icb(), "supplier", scenario.a().supplier()))
                .getLong("total.raised")).isEqualTo(5);
        JsonPath march = json(Tokens.admin(), Map.of("to", "2025-03-31"));
        assertThat(march.getString("from")).isEqualTo("2025-03-01");
        assertThat(march.getLong("total.raised")).isEqualTo(4);
    }

    @Test
    void aPastPeriodGivesTheSameAnswerAfterLaterReopeningsAndResolutions() {
        String now = firstWeek();
        assertThat(withoutGeneratedAt(now)).isEqualTo(withoutGeneratedAt(scenario.firstWeekBeforeReopening()));
        JsonPath week = JsonPath.from(now);
        assertThat(week.getLong("total.resolved")).isEqualTo(3);
        assertThat(week.getLong("total.resolution.medianSeconds")).as("I3's first resolution, 57600, still counts")
                .isEqualTo(36000);
        assertThat(week.getLong("total.resolution.p90Seconds")).isEqualTo(53280);
        assertThat(week.getLong("total.reopened")).isZero();
    }

    @Test
    void aTriageRecordedBeforeTheIncidentWasCancelledStillCounts() {
        String providerA = Tokens.as("provider", scenario.a().provider());
        long id = raise(providerA, scenario.a(), "LIVE", 3, "2025-05-13T08:00:00Z");
        move(Tokens.as("supplier", scenario.a().supplier()), id, "TRIAGED", null, null, "2025-05-13T09:00:00Z");
        move(providerA, id, "CANCELLED", "Raised in error", null, "2025-05-13T10:00:00Z");
        clock.pin(Instant.parse("2025-06-02T09:00:00Z"));

        JsonPath may = json(Tokens.admin(), Map.of("from", "2025-05-01", "to", "2025-05-31"));
        assertThat(may.getLong("total.raised")).isEqualTo(1);
        assertThat(may.getLong("total.triage.met")).as("cancelling does not take back a triage").isEqualTo(1);
        assertThat(may.getLong("total.triage.medianSeconds")).isEqualTo(3600);
        assertThat(may.getLong("total.resolved")).as("the resolution clock ended without an outcome").isZero();
        assertThat(may.getLong("total.resolution.met") + may.getLong("total.resolution.breached")).isZero();
        assertThat(may.getLong("total.open")).isZero();
    }

    /**
     * An incident raised and triaged in test, then made live: its raise and its triage count under TEST, where they
     * happened; the test resolution clock it was running ends reclassified and counts nowhere; the live resolution
     * clock started at the change counts under LIVE.
     */
    @Test
    void anIncidentMadeLiveCountsItsRaiseAndTriageInTestAndItsResolutionInLive() {
        Site site = Fixtures.bars();
        String provider = Tokens.as("provider", site.provider());
        String supplier = Tokens.as("supplier", site.supplier());
        long id = raise(provider, site, "TEST", 3, "2025-08-05T08:00:00Z");
        move(supplier, id, "TRIAGED", null, null, "2025-08-05T09:00:00Z");
        clock.pin(Instant.parse("2025-08-05T10:00:00Z"));
        Workflow.reclassify(provider, id, Map.of("phase", "LIVE", "reason", "Live since this morning"))
                .statusCode(200);
        resolve(supplier, id, "FIXED", "2025-08-05T12:00:00Z");
        clock.pin(Instant.parse("2025-09-01T09:00:00Z"));

        Map<String, String> august = Map.of("from", "2025-08-01", "to", "2025-08-31",
                "deploymentId", String.valueOf(site.deploymentId()));
        JsonPath test = json(Tokens.admin(), with(august, "phase", "TEST"));
        assertThat(test.getLong("total.raised")).isOne();
        assertThat(test.getLong("total.triage.met")).isOne();
        assertThat(test.getLong("total.resolved")).as("the test clock ended reclassified").isZero();
        JsonPath live = json(Tokens.admin(), with(august, "phase", "LIVE"));
        assertThat(live.getLong("total.raised")).isZero();
        assertThat(live.getLong("total.triage.met") + live.getLong("total.triage.breached")).isZero();
        assertThat(live.getLong("total.resolved")).isOne();
        assertThat(live.getLong("total.resolution.met")).isOne();
        assertThat(live.getLong("total.resolution.medianSeconds")).as("from the change, not the raise")
                .isEqualTo(7200);
    }

    private static Map<String, String> with(Map<String, String> params, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put(name, value);
        return all;
    }

    /**
     * A breached resolution by one supplier, then a reopening and a resolution by the supplier the deployment passed
     * to: the first still counts for the first supplier, whose report cannot see the second; the whole counts the
     * second.
     */
    @Test
    void aResolutionSupersededUnderAnotherSupplierStillCountsForTheFirst() {
        Site site = Fixtures.bars();
        String provider = Tokens.as("provider", site.provider());
        String first = Tokens.as("supplier", site.supplier());
        long id = raise(provider, site, "LIVE", 2, "2025-06-02T09:00:00Z");
        move(first, id, "TRIAGED", null, null, "2025-06-02T09:10:00Z");
        resolve(first, id, "FIXED", "2025-06-02T19:00:00Z");
        clock.pin(Instant.parse("2025-06-09T09:00:00Z"));
        String next = Fixtures.organisation("SUPPLIER");
        Fixtures.replaceDeployment(site.deploymentId(), Fixtures.deployment(next, site.provider(), site.icb(), "BARS",
                "COMMISSIONER", false)).statusCode(200);
        move(provider, id, "IN_PROGRESS", "Still failing", null, "2025-06-16T09:00:00Z");
        Workflow.resolve(Tokens.as("supplier", next), id, "FIXED", "Fixed again").statusCode(200);
        clock.pin(Instant.parse("2025-07-01T09:00:00Z"));

        Map<String, String> june = Map.of("from", "2025-06-01", "to", "2025-06-30");
        JsonPath firsts = json(first, june);
        assertThat(firsts.getLong("total.resolved")).as("the first supplier's resolution").isOne();
        assertThat(firsts.getLong("total.resolution.breached")).isOne();
        assertThat(json(Tokens.as("supplier", next), june).getLong("total.resolved")).isOne();
        assertThat(json(Tokens.admin(), Map.of("from", "2025-06-01", "to", "2025-06-30", "deploymentId",
                String.valueOf(site.deploymentId()))).getLong("total.resolved")).as("the last resolution only").isOne();
    }

    @Test
    void aReportBeyondTheRunningLimitIsA503UntilOneEnds() throws SQLException {
        String slot = "(" + ReportStatements.REPORT_SLOTS + ", %d)";
        try (Connection other = dataSource.getConnection(); Statement holder = other.createStatement()) {
            holder.execute("select pg_advisory_lock" + slot.formatted(0) + ", pg_advisory_lock" + slot.formatted(1));
            try {
                period(Tokens.admin(), Map.of()).get(REPORTS).then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", equalTo(String.valueOf(reports.statementTimeout().toSeconds())))
                        .body("type", containsString("reports-busy"));
                // A report that would be refused is refused as such.
                given().auth().oauth2(Tokens.admin()).queryParam("from", "2025-05-01").queryParam("to", "2025-04-30")
                        .get(REPORTS).then().statusCode(400);

                holder.execute("select pg_advisory_unlock" + slot.formatted(1));
                assertThat(json(Tokens.admin(), Map.of()).getLong("total.raised")).isEqualTo(8);
            } finally {
                holder.execute("select pg_advisory_unlock_all()");
            }
        }
    }

    // ---- scope ----

    @Test
    void theHubAndAdminsSeeEverySupplier() {
        List<String> both = List.of(scenario.a().supplier(), scenario.b().supplier());
        assertThat(suppliers(Tokens.admin())).isEqualTo(both);
        assertThat(suppliers(Tokens.as("hub", Fixtures.NATIONAL.hub()))).isEqualTo(both);
        assertThat(suppliers(Tokens.as("reporting", Fixtures.NATIONAL.hub()))).isEqualTo(both);
    }

    @Test
    void aSupplierSeesOnlyItsOwnDeployments() {
        assertThat(suppliers(Tokens.as("supplier", scenario.a().supplier()))).containsExactly(scenario.a().supplier());
        assertThat(suppliers(Tokens.as("supplier", scenario.b().supplier()))).containsExactly(scenario.b().supplier());
        assertThat(suppliers(Tokens.as("reporting", scenario.b().supplier()))).containsExactly(scenario.b().supplier());
        JsonPath other = json(Tokens.as("supplier", scenario.a().supplier()),
                Map.of("groupBy", "supplier", "supplier", scenario.b().supplier()));
        assertThat(other.getList("groups")).isEmpty();
        assertThat(other.getLong("total.raised")).isZero();
    }

    @Test
    void anIcbSeesOnlyTheDeploymentsInItsArea() {
        assertThat(keys(Tokens.as("icb", scenario.a().icb()), "icb")).containsExactly(scenario.a().icb());
        assertThat(keys(Tokens.as("icb", scenario.b().icb()), "icb")).containsExactly(scenario.b().icb());
        assertThat(keys(Tokens.as("reporting", scenario.a().icb()), "icb")).containsExactly(scenario.a().icb());
        JsonPath ib = json(Tokens.as("icb", scenario.b().icb()), Map.of("groupBy", "supplier"));
        assertThat(ib.getList("groups.collect { it.supplier.odsCode + ' ' + it.figures.raised }"))
                .containsExactly(scenario.a().supplier() + " 1", scenario.b().supplier() + " 2");
    }

    @Test
    void aProviderOrPracticeSeesOnlyItsOwnDeployments() {
        assertThat(raisedBySupplier(Tokens.as("provider", scenario.a().provider())))
                .containsExactly(scenario.a().supplier() + " 5");
        assertThat(raisedBySupplier(Tokens.as("provider", scenario.c().provider())))
                .containsExactly(scenario.a().supplier() + " 1");
        assertThat(raisedBySupplier(Tokens.as("practice", scenario.b().provider())))
                .containsExactly(scenario.b().supplier() + " 2");
        assertThat(raisedBySupplier(Tokens.as("reporting", scenario.b().provider())))
                .containsExactly(scenario.b().supplier() + " 2");
    }

    @Test
    void theReportingRoleOfANationalPartySeesItsOwnPart() {
        assertThat(raisedBySupplier(Tokens.as("reporting", Fixtures.NATIONAL.serviceDesk())))
                .as("the incidents the Service Desk raised").containsExactly(scenario.a().supplier() + " 1");
        assertThat(raisedBySupplier(Tokens.as("reporting", Fixtures.NATIONAL.bars())))
                .as("the BaRS programme's deployments").containsExactly(scenario.a().supplier() + " 5");
    }

    @Test
    void rolesWithoutReportsAreRefused() {
        for (String role : List.of("clinical-safety-officer", "service-desk")) {
            given().auth().oauth2(Tokens.as(role, Fixtures.NATIONAL.serviceDesk())).get(REPORTS).then()
                    .statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.as("bars-programme", Fixtures.NATIONAL.bars())).get(REPORTS).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.as("reporting", "UNREG9")).get(REPORTS).then().statusCode(403)
                .body("detail", containsString("not registered"));
        given().get(REPORTS).then().statusCode(401);
    }

    // ---- input ----

    @Test
    void badParametersAreA400NamingTheParameter() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("from", "2025-13-01");
        bad.put("to", "yesterday");
        bad.put("groupBy", "week");
        bad.put("severity", "9");
        bad.put("phase", "BETA");
        bad.put("route", "DIRECT");
        bad.put("deploymentId", "x");
        bad.put("supplier", "bad\u0000code");
        bad.put("icb", "q1");
        bad.put("resolutionCode", "SOLVED");
        bad.forEach((name, value) -> given().auth().oauth2(Tokens.admin()).queryParam(name, value).get(REPORTS).then()
                .statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo(name)));
        given().auth().oauth2(Tokens.admin()).queryParam("from", "2025-05-01").queryParam("to", "2025-04-30")
                .get(REPORTS).then().statusCode(400).body("violations[0].field", equalTo("from"));
    }

    @Test
    void jsonUnlessCsvIsPreferred() {
        given().auth().oauth2(Tokens.admin()).accept("*/*").get(REPORTS).then().statusCode(200)
                .contentType(ContentType.JSON);
        given().auth().oauth2(Tokens.admin()).accept("text/csv;q=0.5, application/json").get(REPORTS).then()
                .statusCode(200).contentType(ContentType.JSON);
        given().auth().oauth2(Tokens.admin()).accept("text/csv").queryParam("from", "2025-03-01")
                .queryParam("to", "2025-04-30").get(REPORTS).then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"service-levels_2025-03-01_2025-04-30.csv\"");
        given().auth().oauth2(Tokens.admin()).accept("application/xml").get(REPORTS).then().statusCode(406);
        given().auth().oauth2(Tokens.admin()).accept("text/csv;q=0").get(REPORTS).then().statusCode(200)
                .contentType(ContentType.JSON);
    }

    // ---- checking a report both ways ----

    private void assertReport(List<String> groupBy, List<Row> rows, Row total) {
        Map<String, Object> params = groupBy.isEmpty() ? Map.of() : Map.of("groupBy", String.join(",", groupBy));
        JsonPath report = json(Tokens.admin(), params);
        assertThat(report.getList("groupBy")).isEqualTo(groupBy);
        List<Map<String, Object>> groups = report.getList("groups");
        assertThat(groups).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(jsonKey(groups.get(i), groupBy)).isEqualTo(rows.get(i).key);
            assertJsonFigures(report.getMap("groups[" + i + "].figures"), rows.get(i));
        }
        assertJsonFigures(report.getMap("total"), total);

        List<Map<String, String>> lines = csv(params);
        assertThat(lines).hasSize(rows.size() + 1);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(lines.get(i).get("row")).isEqualTo("group");
            assertThat(csvKey(lines.get(i), groupBy.get(0))).isEqualTo(rows.get(i).key);
            assertCsvFigures(lines.get(i), rows.get(i));
        }
        assertThat(lines.get(rows.size()).get("row")).isEqualTo("total");
        assertCsvFigures(lines.get(rows.size()), total);
    }

    /** The CSV's column of a grouping, whose empty cell is the JSON's absent key. */
    private static String csvKey(Map<String, String> line, String grouping) {
        String value = line.get(grouping.equals("resolutionCode") ? "resolution_code" : grouping);
        return value.isEmpty() ? "null" : value;
    }

    private static String jsonKey(Map<String, Object> group, List<String> groupBy) {
        Object key = group.get(groupBy.get(0));
        return key instanceof Map<?, ?> party ? (String) party.get("odsCode") : String.valueOf(key);
    }

    @SuppressWarnings("unchecked")
    private static void assertJsonFigures(Map<String, Object> figures, Row row) {
        String at = row.key + ": ";
        assertThat(number(figures.get("raised"))).as(at + "raised").isEqualTo(row.raised);
        assertThat(number(figures.get("resolved"))).as(at + "resolved").isEqualTo(row.resolved());
        assertClocks(at + "triage", (Map<String, Object>) figures.get("triage"), row.triage);
        assertClocks(at + "resolution", (Map<String, Object>) figures.get("resolution"), row.resolution);
        assertThat(number(figures.get("reopened"))).as(at + "reopened").isEqualTo(row.reopened);
        Map<String, Object> paused = (Map<String, Object>) figures.get("paused");
        assertThat(number(paused.get("totalSeconds"))).as(at + "paused").isEqualTo(row.paused);
        Map<String, Long> byParty = new LinkedHashMap<>();
        ((Map<String, Object>) paused.get("byParty")).forEach((party, seconds) -> byParty.put(party, number(seconds)));
        assertThat(byParty).as(at + "paused by party").isEqualTo(row.pausedOn);
        assertThat(number(figures.get("open"))).as(at + "open").isEqualTo(row.open);
        assertThat(number(figures.get("atRisk"))).as(at + "at risk").isEqualTo(row.atRisk);
        assertThat(number(figures.get("openBreached"))).as(at + "open breached").isEqualTo(row.openBreached);
    }

    private static void assertClocks(String at, Map<String, Object> json, Clocks clocks) {
        assertThat(number(json.get("met"))).as(at + " met").isEqualTo(clocks.met);
        assertThat(number(json.get("breached"))).as(at + " breached").isEqualTo(clocks.breached);
        assertThat(number(json.get("medianSeconds"))).as(at + " median").isEqualTo(clocks.median);
        assertThat(number(json.get("p90Seconds"))).as(at + " p90").isEqualTo(clocks.p90);
        long count = clocks.met + clocks.breached;
        if (count == 0) {
            assertThat(json.get("metPercent")).as(at + " met %").isNull();
        } else {
            assertThat(((Number) json.get("metPercent")).doubleValue()).as(at + " met %")
                    .isCloseTo(Math.round(clocks.met * 1000.0 / count) / 10.0, within(0.001));
        }
    }

    private static void assertCsvFigures(Map<String, String> line, Row row) {
        String at = row.key + " (CSV): ";
        assertThat(line.get("raised")).as(at + "raised").isEqualTo(String.valueOf(row.raised));
        assertThat(line.get("resolved")).as(at + "resolved").isEqualTo(String.valueOf(row.resolved()));
        assertThat(line.get("triage_met")).as(at + "triage met").isEqualTo(String.valueOf(row.triage.met));
        assertThat(line.get("triage_breached")).as(at + "triage breached").isEqualTo(String.valueOf(row.triage.breached));
        assertThat(line.get("triage_median_seconds")).as(at + "triage median").isEqualTo(cell(row.triage.median));
        assertThat(line.get("triage_p90_seconds")).as(at + "triage p90").isEqualTo(cell(row.triage.p90));
        assertThat(line.get("resolution_met")).as(at + "resolution met").isEqualTo(String.valueOf(row.resolution.met));
        assertThat(line.get("resolution_breached")).as(at + "resolution breached")
                .isEqualTo(String.valueOf(row.resolution.breached));
        assertThat(line.get("resolution_median_seconds")).as(at + "resolution median")
                .isEqualTo(cell(row.resolution.median));
        assertThat(line.get("resolution_p90_seconds")).as(at + "resolution p90").isEqualTo(cell(row.resolution.p90));
        assertThat(line.get("reopened")).as(at + "reopened").isEqualTo(String.valueOf(row.reopened));
        assertThat(line.get("paused_seconds")).as(at + "paused").isEqualTo(String.valueOf(row.paused));
        assertThat(line.get("paused_on_provider_seconds")).as(at + "paused on providers")
                .isEqualTo(String.valueOf(row.pausedOn.getOrDefault("PROVIDER", 0L)));
        assertThat(line.get("paused_on_resolved_seconds")).as(at + "paused resolved")
                .isEqualTo(String.valueOf(row.pausedOn.getOrDefault("RESOLVED", 0L)));
        assertThat(line.get("open")).as(at + "open").isEqualTo(String.valueOf(row.open));
        assertThat(line.get("at_risk")).as(at + "at risk").isEqualTo(String.valueOf(row.atRisk));
        assertThat(line.get("open_breached")).as(at + "open breached").isEqualTo(String.valueOf(row.openBreached));
    }

    private static String cell(Long value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    // ---- rows, figure by figure ----

    /** One row of a report as worked out above, figure by figure: a count not named is 0, times are in seconds. */
    private static final class Row {
        private final String key;
        private long raised;
        private Clocks triage = met(0);
        private Clocks resolution = met(0);
        private long reopened;
        private long paused;
        private final Map<String, Long> pausedOn = new LinkedHashMap<>();
        private long open;
        private long atRisk;
        private long openBreached;

        private Row(String key) {
            this.key = key;
        }

        Row raised(long count) {
            raised = count;
            return this;
        }

        Row triage(Clocks clocks) {
            triage = clocks;
            return this;
        }

        Row resolution(Clocks clocks) {
            resolution = clocks;
            return this;
        }

        Row reopened(long count) {
            reopened = count;
            return this;
        }

        /** All the time the counted resolutions were paused; {@link #pausedOn} names each party's share. */
        Row paused(long seconds) {
            paused = seconds;
            return this;
        }

        Row pausedOn(String party, long seconds) {
            pausedOn.put(party, seconds);
            return this;
        }

        Row open(long count) {
            open = count;
            return this;
        }

        Row atRisk(long count) {
            atRisk = count;
            return this;
        }

        Row openBreached(long count) {
            openBreached = count;
            return this;
        }

        long resolved() {
            return resolution.met + resolution.breached;
        }
    }

    /** How the triage or resolution clocks that stopped ended; no median or 90th percentile when none did. */
    private static final class Clocks {
        private long met;
        private long breached;
        private Long median;
        private Long p90;

        Clocks breached(long count) {
            breached = count;
            return this;
        }

        Clocks median(long seconds) {
            median = seconds;
            return this;
        }

        Clocks p90(long seconds) {
            p90 = seconds;
            return this;
        }
    }

    private static Row row(String key) {
        return new Row(key);
    }

    /** The triage or resolution outcomes, starting with how many clocks met their target. */
    private static Clocks met(long count) {
        Clocks clocks = new Clocks();
        clocks.met = count;
        return clocks;
    }

    // ---- requests ----

    /** March and April 2025 unless the parameters say otherwise. */
    private static RequestSpecification period(String token, Map<String, ?> params) {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("from", "2025-03-01", "to", "2025-04-30"));
        all.putAll(params);
        if (params.containsKey("to") && !params.containsKey("from")) {
            all.remove("from");
        }
        RequestSpecification request = given().auth().oauth2(token);
        all.forEach(request::queryParam);
        return request;
    }

    private static JsonPath json(String token, Map<String, ?> params) {
        return period(token, params).get(REPORTS).then().statusCode(200).contentType(ContentType.JSON).extract()
                .jsonPath();
    }

    private static List<Map<String, String>> csv(Map<String, ?> params) {
        String body = period(Tokens.admin(), params).accept("text/csv").get(REPORTS).then().statusCode(200)
                .contentType("text/csv").extract().asString();
        try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            return lines.readAll();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> suppliers(String token) {
        return keys(token, "supplier");
    }

    private static List<String> keys(String token, String groupBy) {
        return json(token, Map.of("groupBy", groupBy)).getList("groups." + groupBy + ".odsCode");
    }

    private static List<String> raisedBySupplier(String token) {
        return json(token, Map.of("groupBy", "supplier"))
                .getList("groups.collect { it.supplier.odsCode + ' ' + it.figures.raised }");
    }

    private static String firstWeek() {
        return given().auth().oauth2(Tokens.admin()).queryParam("from", "2025-03-01").queryParam("to", "2025-03-07")
                .queryParam("groupBy", "supplier,severity").get(REPORTS).then().statusCode(200).extract().asString();
    }

    private static String withoutGeneratedAt(String report) {
        return report.replaceAll("\"generatedAt\":\"[^\"]*\"", "");
    }

    // ---- the scenario ----

    private Scenario playScenario() {
        Fixtures.national();
        Site a = Fixtures.site("BARS", "COMMISSIONER");
        Site b = Fixtures.site("ONLINE_CONSULTATION", "PRACTICE");
        String providerC = Fixtures.organisation("PROVIDER");
        long deploymentC = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.deployment(a.supplier(), providerC, b.icb(), "ONLINE_CONSULTATION", "COMMISSIONER", false))
                .post("/api/v1/deployments").then().statusCode(201).extract().jsonPath().getLong("id");
        Site c = new Site(a.supplier(), providerC, b.icb(), deploymentC);

        String supplierA = Tokens.as("supplier", a.supplier());
        String providerA = Tokens.as("provider", a.provider());
        String supplierB = Tokens.as("supplier", b.supplier());
        String practiceB = Tokens.as("practice", b.provider());

        long i10 = raise(providerA, a, "LIVE", 3, "2025-02-28T17:00:00Z");
        long i1 = raise(providerA, a, "LIVE", 2, "2025-03-03T09:00:00Z");
        move(supplierA, i10, "TRIAGED", null, null, "2025-03-03T09:00:00Z");
        move(supplierA, i1, "TRIAGED", null, null, "2025-03-03T09:20:00Z");
        move(supplierA, i1, "AWAITING_INFO", "Send the call recording", a.provider(), "2025-03-03T10:00:00Z");
        move(providerA, i1, "TRIAGED", "Recording attached", null, "2025-03-03T12:00:00Z");
        resolve(supplierA, i1, "FIXED", "2025-03-03T17:00:00Z");

        long i2 = raise(providerA, a, "LIVE", 2, "2025-03-04T09:00:00Z");
        move(supplierA, i2, "TRIAGED", null, null, "2025-03-04T09:45:00Z");
        clock.pin(Instant.parse("2025-03-04T12:00:00Z"));
        Workflow.reclassify(supplierA, i2, Map.of("severity", 1, "reason", "Every referral is failing")).statusCode(200);
        resolve(supplierA, i2, "WORKAROUND", "2025-03-04T19:00:00Z");

        long i3 = raise(providerA, a, "LIVE", 3, "2025-03-05T16:00:00Z");
        move(supplierA, i3, "TRIAGED", null, null, "2025-03-06T09:00:00Z");
        resolve(supplierA, i3, "FIXED", "2025-03-07T12:00:00Z");
        clock.pin(Instant.parse("2025-03-08T12:00:00Z"));
        String firstWeekBeforeReopening = firstWeek();
        move(providerA, i3, "IN_PROGRESS", "Still failing after the fix", null, "2025-03-10T10:00:00Z");
        clock.pin(Instant.parse("2025-03-11T14:00:00Z"));
        Workflow.resolve(supplierA, i3, "CONFIGURATION", "Fixed again").statusCode(200);

        long i9 = raise(providerA, a, "LIVE", 3, "2025-03-12T09:00:00Z");
        move(providerA, i9, "CANCELLED", "Raised in error", null, "2025-03-12T10:00:00Z");

        long i5 = raise(practiceB, b, "LIVE", 1, "2025-03-31T23:30:00Z");
        move(supplierB, i5, "TRIAGED", null, null, "2025-03-31T23:40:00Z");
        resolve(supplierB, i5, "FIXED", "2025-04-01T04:30:00Z");

        long i6 = raise(practiceB, b, "TEST", 3, "2025-04-02T09:00:00Z");
        move(supplierB, i6, "TRIAGED", null, null, "2025-04-02T10:00:00Z");

        raise(Tokens.as("service-desk", Fixtures.NATIONAL.serviceDesk()), c, "LIVE", 3, "2025-04-07T09:00:00Z");

        long i4 = raise(practiceB, b, "LIVE", 4, "2025-04-17T16:00:00Z");
        move(supplierB, i4, "TRIAGED", null, null, "2025-04-22T09:00:00Z");
        move(supplierB, i4, "AWAITING_INFO", "Practice to confirm the configuration", b.provider(),
                "2025-04-22T09:00:00Z");
        raise(providerA, a, "LIVE", 3, "2025-04-23T07:30:00Z");
        move(supplierB, i4, "TRIAGED", "Configuration confirmed", null, "2025-04-23T09:00:00Z");
        return new Scenario(a, b, c, firstWeekBeforeReopening);
    }

    private long raise(String token, Site site, String phase, int severity, String at) {
        return Fixtures.raiseAt(clock, token, site, phase, severity, at);
    }

    private void move(String token, long id, String to, String reason, String waitingOn, String at) {
        clock.pin(Instant.parse(at));
        Workflow.move(token, id, to, reason, waitingOn).statusCode(200);
    }

    private void resolve(String token, long id, String code, String at) {
        move(token, id, "IN_PROGRESS", null, null, at);
        Workflow.resolve(token, id, code, "Fixed").statusCode(200);
    }
}
