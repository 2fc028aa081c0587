package uk.nhs.incidents.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteBudgetTest {

    @Test
    void reservationsFitUntilTheBudgetIsTakenAndFitAgainOnceReleased() {
        ByteBudget budget = new ByteBudget(1000);

        assertThat(budget.reserve(600)).isTrue();
        assertThat(budget.reserve(400)).as("exactly the budget").isTrue();
        assertThat(budget.reserve(1)).isFalse();
        budget.release(600);
        assertThat(budget.reserve(700)).as("a refused reservation holds nothing").isFalse();
        assertThat(budget.reserve(600)).isTrue();
    }
}
