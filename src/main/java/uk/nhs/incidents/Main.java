package uk.nhs.incidents;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import uk.nhs.incidents.common.http.MalformedUris;

/**
 * Starts the service. Quarkus's HTTP layer refuses a request whose URI does not parse with a bare 400 before any
 * code of ours runs; that check is handed to {@link MalformedUris}, which answers with a problem, so Quarkus's own
 * is switched off here, before Quarkus starts (the tests set the same property in pom.xml).
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        System.setProperty(MalformedUris.QUARKUS_CHECK_OFF, "true");
        Quarkus.run(args);
    }
}
