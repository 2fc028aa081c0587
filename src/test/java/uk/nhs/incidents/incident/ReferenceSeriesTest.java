package uk.nhs.incidents.incident;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.support.Fixtures;
import uk.nhs.incidents.support.Fixtures.Site;
import uk.nhs.incidents.support.Tokens;

@QuarkusTest
class ReferenceSeriesTest {

    @Test
    void fiftyConcurrentCreationsGetFiftyDistinctReferencesInBothSeries() throws Exception {
        Site site = Fixtures.bars();
        String token = Tokens.as("provider", site.provider());
        List<Callable<String>> raises = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String phase = i % 2 == 0 ? "TEST" : "LIVE";
            raises.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Fixtures.incident(site.deploymentId(), phase, 4)).post("/api/v1/incidents")
                    .then().statusCode(201).extract().jsonPath().getString("reference"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<String> references = new ArrayList<>();
        try {
            for (Future<String> result : pool.invokeAll(raises)) {
                references.add(result.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(references).hasSize(50).doesNotHaveDuplicates();
        assertThat(references).filteredOn(r -> r.startsWith("TST-")).hasSize(25)
                .allMatch(r -> r.matches("TST-\\d{4}-\\d{6}"));
        assertThat(references).filteredOn(r -> r.startsWith("INC-")).hasSize(25)
                .allMatch(r -> r.matches("INC-\\d{4}-\\d{6}"));
    }
}
