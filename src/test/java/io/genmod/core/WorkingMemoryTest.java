package io.genmod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkingMemoryTest {

    private static final long MB = 1_000_000;

    @Test
    void workWithinTheBudgetAndTheFreeMemoryPassesWithoutMeasuringTwice() {
        AtomicInteger measured = new AtomicInteger();
        assertThatCode(() -> WorkingMemory.check(100 * MB, "x", "the answer", "ask less", 500 * MB, () -> {
            measured.incrementAndGet();
            return 200 * MB;
        })).doesNotThrowAnyException();
        assertThat(measured).hasValue(1);
    }

    @Test
    void workOverTheBudgetIs422NamingTheField() {
        assertThatThrownBy(() -> WorkingMemory.check(600 * MB, "params.components", "the fit", "use fewer components",
                500 * MB, () -> 10_000 * MB))
                .isInstanceOfSatisfying(UnfittableDataException.class,
                        e -> assertThat(e.field()).isEqualTo("params.components"))
                .hasMessage("the fit would take about 600 MB of memory, more than the 500 MB one request may use "
                        + "here; use fewer components");
    }

    @Test
    void workOverTheFreeMemoryIsMeasuredAgainAfterACollection() {
        AtomicInteger measured = new AtomicInteger();
        // garbage collected between the measures: the second finds enough
        assertThatCode(() -> WorkingMemory.check(100 * MB, "x", "the answer", "ask less", 500 * MB,
                () -> measured.incrementAndGet() == 1 ? 50 * MB : 150 * MB)).doesNotThrowAnyException();
        assertThat(measured).hasValue(2);
    }

    @Test
    void workOverTheFreeMemoryAfterACollectionIsInsufficientMemory() {
        assertThatThrownBy(() -> WorkingMemory.check(100 * MB, "n", "the sample", "ask for fewer rows", 500 * MB,
                () -> 40 * MB))
                .isInstanceOf(InsufficientMemoryException.class)
                .hasMessage("the sample would take about 100 MB of memory, and only 40 MB are free now (the stored "
                        + "models hold the rest); delete models, wait for running fits, or ask for fewer rows");
    }

    @Test
    void theFreeMemoryLeavesTheReserve() {
        Runtime runtime = Runtime.getRuntime();
        assertThat(WorkingMemory.free()).isLessThanOrEqualTo(runtime.maxMemory() - runtime.maxMemory() / 8);
    }
}
