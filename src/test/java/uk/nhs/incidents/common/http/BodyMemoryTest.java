package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyMemoryTest {

    private final BodyMemory memory = new BodyMemory(600, 1000);

    @Test
    void anOrganisationHoldsUpToItsShareAndGetsItBackAsItsRequestsEnd() {
        assertThat(memory.reserve("RX9", 400)).isEmpty();
        assertThat(memory.reserve("RX9", 200)).as("exactly its share").isEmpty();
        assertThat(memory.reserve("RX9", 1)).hasValueSatisfying(why -> assertThat(why).contains("600"));
        memory.release("RX9", 400);
        assertThat(memory.reserve("RX9", 400)).isEmpty();
    }

    @Test
    void theTotalHoldsAcrossOrganisationsAndARefusalHoldsNothing() {
        assertThat(memory.reserve("RX9", 600)).isEmpty();
        assertThat(memory.reserve("YGM01", 500)).hasValueSatisfying(why -> assertThat(why).contains("service"));
        assertThat(memory.reserve("YGM01", 400)).as("the refused 500 held nothing").isEmpty();
        memory.release("RX9", 600);
        memory.release("YGM01", 400);
        assertThat(memory.reserve("QNQ", 600)).isEmpty();
        assertThat(memory.reserve("RX9", 400)).isEmpty();
    }
}
