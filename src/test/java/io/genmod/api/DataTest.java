package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataTest {

    private static FieldProblem firstProblem(Runnable r) {
        try {
            r.run();
        } catch (InvalidRequestException e) {
            return e.problems().get(0);
        }
        throw new AssertionError("expected an InvalidRequestException");
    }

    @Test
    void readsRowsAndFlatColumns() {
        assertThat(Data.matrix(HttpJson.parse("[[1, 2.5], [3, -4e-3]]"), "x", null))
                .isDeepEqualTo(new double[][] {{1, 2.5}, {3, -4e-3}});
        assertThat(Data.matrix(HttpJson.parse("[1, 2]"), "x", 1)).isDeepEqualTo(new double[][] {{1}, {2}});
    }

    @Test
    void pointsAtTheOffendingElement() {
        assertThat(firstProblem(() -> Data.matrix(HttpJson.parse("[[1, 2], [3, \"NaN\"]]"), "x", null)).field())
                .isEqualTo("x[1][1]");
        assertThat(firstProblem(() -> Data.matrix(HttpJson.parse("[[1, 2], [3, null]]"), "x", null)).field())
                .isEqualTo("x[1][1]");
        assertThat(firstProblem(() -> Data.matrix(HttpJson.parse("[[1, 2], [3]]"), "x", null)).field()).isEqualTo("x[1]");
        assertThat(firstProblem(() -> Data.matrix(HttpJson.parse("[[1, 2]]"), "x", 3)).message()).contains("dimension 3");
        assertThat(firstProblem(() -> Data.matrix(HttpJson.parse("[]"), "x", null)).field()).isEqualTo("x");
        assertThat(firstProblem(() -> Data.matrix(HttpJson.parse("[[]]"), "x", null)).field()).isEqualTo("x[0]");
        assertThat(firstProblem(() -> Data.matrix(null, "x", null)).message()).isEqualTo("is required");
    }

    @Test
    void reportsAtMostTwentyElementErrors() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            json.append(i > 0 ? "," : "").append("\"a\"");
        }
        json.append(']');
        assertThatThrownBy(() -> Data.matrix(HttpJson.parse(json.toString()), "x", null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems()).hasSize(Data.MAX_REPORTED));
    }

    @Test
    void readsLabelsKeepingTheirType() {
        assertThat(Data.labels(HttpJson.parse("[\"a\", \"b\"]"), "y", 2)).isEqualTo(List.of("a", "b"));
        assertThat(Data.labels(HttpJson.parse("[2, 1]"), "y", 2)).isEqualTo(List.of(2L, 1L));
        assertThat(firstProblem(() -> Data.labels(HttpJson.parse("[2, \"a\"]"), "y", 2)).field()).isEqualTo("y[1]");
        assertThat(firstProblem(() -> Data.labels(HttpJson.parse("[2.5]"), "y", 1)).field()).isEqualTo("y[0]");
        assertThat(firstProblem(() -> Data.labels(HttpJson.parse("[1]"), "y", 2)).field()).isEqualTo("y");
    }
}
