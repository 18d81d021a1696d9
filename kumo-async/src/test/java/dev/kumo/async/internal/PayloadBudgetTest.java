package dev.kumo.async.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kumo.core.LimitExceededException;
import org.junit.jupiter.api.Test;

class PayloadBudgetTest {

    private static final long MIB = 1024 * 1024;

    private final PayloadBudget budget = new PayloadBudget(512 * MIB);

    @Test
    void takesUpToTheBudgetAndNothingPastIt() {
        budget.take(511 * MIB);
        budget.take(MIB);

        assertThatThrownBy(() -> budget.take(1)).isInstanceOf(LimitExceededException.class)
                .hasMessage("the node's async queue holds 512 MiB of payloads, at most 512 MiB;"
                        + " this submission needs 1 bytes");
        assertThat(budget.held()).isEqualTo(512 * MIB);

        budget.give(MIB / 5);

        assertThatThrownBy(() -> budget.take(MIB)).hasMessageStartingWith("the node's async queue holds 511.8 MiB");
        budget.take(MIB / 5);
        assertThat(budget.held()).isEqualTo(512 * MIB);
    }

    @Test
    void whatThePlatformAddsIsNeverRefusedButBlocksClientsUntilGivenBack() {
        budget.add(600 * MIB);

        assertThat(budget.held()).isEqualTo(600 * MIB);
        assertThatThrownBy(() -> budget.take(0)).isInstanceOf(LimitExceededException.class);

        budget.give(100 * MIB);
        budget.take(12 * MIB);
        assertThat(budget.held()).isEqualTo(512 * MIB);
    }

    @Test
    void aHugeBudgetDoesNotOverflow() {
        var unbounded = new PayloadBudget(Long.MAX_VALUE);
        unbounded.take(Long.MAX_VALUE - 1);

        assertThatThrownBy(() -> unbounded.take(2)).isInstanceOf(LimitExceededException.class);
        assertThat(unbounded.held()).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void sizesReadAsBytesKibOrMib() {
        assertThat(PayloadBudget.size(0)).isEqualTo("0 bytes");
        assertThat(PayloadBudget.size(1023)).isEqualTo("1023 bytes");
        assertThat(PayloadBudget.size(2560)).isEqualTo("2.5 KiB");
        assertThat(PayloadBudget.size(300 * 1024)).isEqualTo("300 KiB");
        assertThat(PayloadBudget.size(MIB)).isEqualTo("1 MiB");
        assertThat(PayloadBudget.size(512 * MIB - MIB / 5)).isEqualTo("511.8 MiB");
    }
}
