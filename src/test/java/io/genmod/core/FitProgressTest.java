package io.genmod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitProgressTest {

    @Test
    void aReportPastTheDeadlineStopsTheFitEvenUnderAnInnerListener() {
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> FitProgress.withDeadline(Duration.ofMillis(20), () ->
                FitProgress.runWith((iteration, value) -> seen.add(iteration), () -> {
                    FitProgress.report(1, 0);
                    sleep(40);
                    FitProgress.report(2, 0);
                    return null;
                })))
                .isInstanceOf(FitProgress.FitTimeoutException.class)
                .extracting(e -> ((FitProgress.FitTimeoutException) e).limit()).isEqualTo(Duration.ofMillis(20));
        assertThat(seen).containsExactly(1);
        // the deadline ends with its task
        FitProgress.report(3, 0);
    }

    @Test
    void aCheckpointOfAFitThatIsNotIterativeSeesTheDeadlineAndCancellation() {
        assertThatThrownBy(() -> FitProgress.withDeadline(Duration.ZERO, () -> {
            sleep(2);
            FitProgress.checkpoint();
            return null;
        })).isInstanceOf(FitProgress.FitTimeoutException.class);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(FitProgress::checkpoint).isInstanceOf(FitProgress.FitCancelledException.class);
        } finally {
            Thread.interrupted();
        }
        FitProgress.checkpoint();
    }

    @Test
    void reportsWithinTheDeadlineReachTheListener() {
        List<Integer> seen = new ArrayList<>();
        FitProgress.withDeadline(Duration.ofSeconds(10), () -> FitProgress.runWith((iteration, value) -> seen.add(iteration),
                () -> {
                    FitProgress.report(1, 0);
                    FitProgress.report(2, 0);
                    return null;
                }));
        assertThat(seen).containsExactly(1, 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
