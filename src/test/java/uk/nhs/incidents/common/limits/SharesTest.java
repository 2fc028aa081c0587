package uk.nhs.incidents.common.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.common.problem.TooManyRequestsException;

class SharesTest {

    private final Shares shares = new Shares("bytes", 600, 1000, Duration.ofSeconds(5));

    @Test
    void anOrganisationHoldsUpToItsShareAndGetsItBackWhenWhatItHeldIsGivenBack() {
        Shares.Held first = shares.take("RX9", 400);
        shares.take("RX9", 200);
        assertThatThrownBy(() -> shares.take("RX9", 1)).isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("already has 600 bytes in progress; it may have 600 at once");
        first.close();
        first.close();
        shares.take("RX9", 400);
        assertThatThrownBy(() -> shares.take("RX9", 1)).as("given back once, however often closed")
                .isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void theTotalHoldsAcrossOrganisationsAndARefusalHoldsNothing() {
        Shares.Held provider = shares.take("RX9", 600);
        assertThatThrownBy(() -> shares.take("YGM01", 500)).isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("The service has as many bytes in progress as it takes at once");
        Shares.Held supplier = shares.take("YGM01", 400);
        provider.close();
        supplier.close();
        assertThat(shares.take("QNQ", 600)).isNotNull();
        assertThat(shares.take("RX9", 400)).isNotNull();
    }
}
