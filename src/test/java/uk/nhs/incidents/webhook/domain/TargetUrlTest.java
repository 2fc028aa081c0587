package uk.nhs.incidents.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://itsm.supplier.example/hook|must use https",
            "ftp://itsm.supplier.example/hook|must be an https URL",
            "mailto:servicedesk@supplier.example|must be an https URL",
            "/hooks/nhs|must be an https URL",
            "https://user:pass@itsm.supplier.example/hook|must not carry a user name or password",
            "https://token@itsm.supplier.example/hook|must not carry a user name or password",
            "https://itsm.supplier.example/hook#part|must not have a fragment (#...)",
            "https:///hook|must name a host (letters, digits, dots and hyphens, or an IP address)",
            "https://exa mple.example/|is not a valid URL: Illegal character in authority",
            "https://itsm.supplier.example:70000/hook|must have a port from 1 to 65535",
            "https://itsm.supplier.example:0/hook|must have a port from 1 to 65535"})
    void aUrlThatIsNotAnHttpsTargetIsRefusedSayingWhy(String url, String problem) {
        assertThat(TargetUrl.problem(url, true)).contains(problem);
    }

    @Test
    void aUrlHoldingAnythingButAsciiIsRefusedAsNoRequestLineCarriesIt() {
        for (String url : new String[] {"https://itsm.example/\u202ex", "https://itsm.example/\u200bhook",
                "https://itsm.example/caf\u00e9", "https://itsm.example/hook?q=\u00e9"}) {
            assertThat(TargetUrl.problem(url, true)).as(url)
                    .contains("must be ASCII: percent-encode other characters (RFC 3986)");
        }
        assertThat(TargetUrl.problem("https://itsm.example/caf%C3%A9", true)).isEmpty();
    }

    @Test
    void aUrlLongerThanTheLimitIsRefused() {
        String url = "https://itsm.supplier.example/" + "a".repeat(TargetUrl.MAX_LENGTH);
        assertThat(TargetUrl.problem(url, true)).contains("must be at most 2048 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://itsm.supplier.example/hooks/nhs?tenant=7", "HTTPS://itsm.supplier.example",
            "https://81.144.0.1:8443/hook", "https://[2a00:1450:4009:81f::200e]/hook",
            "https://itsm.supplier.example:65535/hook"})
    void anHttpsUrlWithAHostIsATarget(String url) {
        assertThat(TargetUrl.problem(url, true)).isEmpty();
    }

    @Test
    void plainHttpIsATargetOnlyWhereHttpsIsNotRequired() {
        assertThat(TargetUrl.problem("http://127.0.0.1:8080/hook", false)).isEmpty();
        assertThat(TargetUrl.problem("http://127.0.0.1:8080/hook", true)).contains("must use https");
    }

    @Test
    void aTargetKnowsItsHostPortAndWhatToRequest() {
        TargetUrl target = TargetUrl.of("https://[2a00:1450::1]/hooks/nhs?tenant=7&x=%20");
        assertThat(target.host()).isEqualTo("2a00:1450::1");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.https()).isTrue();
        assertThat(target.pathAndQuery()).isEqualTo("/hooks/nhs?tenant=7&x=%20");
        assertThat(TargetUrl.of("http://itsm.example:8080").pathAndQuery()).isEqualTo("/");
        assertThat(TargetUrl.of("http://itsm.example:8080").port()).isEqualTo(8080);
    }

    /** An IPv6 address goes bare to the connection and in brackets to the Host header; a default port goes unsaid. */
    @Test
    void aTargetsHostHeaderIsItsAuthorityAsWritten() {
        assertThat(TargetUrl.of("https://[2a00:1450::1]:8443/hooks").authority()).isEqualTo("[2a00:1450::1]:8443");
        assertThat(TargetUrl.of("https://itsm.example/hooks").authority()).isEqualTo("itsm.example");
        assertThat(TargetUrl.of("https://itsm.example:443/hooks").authority()).isEqualTo("itsm.example");
        assertThat(TargetUrl.of("http://[::1]/hooks").authority()).isEqualTo("[::1]");
        assertThat(TargetUrl.of("http://itsm.example:8080").authority()).isEqualTo("itsm.example:8080");
    }
}
