package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.core.InsufficientMemoryException;
import io.genmod.core.UnfittableDataException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** The problems that failed fits get outside a request (training jobs), as the HTTP handlers answer them. */
class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void workAboveTheFreeMemoryIs507WithTheReason() {
        ProblemDetail problem = handler.problemFor(new InsufficientMemoryException("the fit would take about 300 MB"));
        assertThat(problem.getStatus()).isEqualTo(507);
        assertThat(problem.getTitle()).isEqualTo("Not enough free memory");
        assertThat(problem.getDetail()).isEqualTo("the fit would take about 300 MB");
    }

    @Test
    void workAboveTheBudgetIs422NamingTheField() {
        ProblemDetail problem = handler.problemFor(new UnfittableDataException("params.components", "too large"));
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getProperties()).containsKey("errors");
        assertThat(problem.getProperties().get("errors").toString()).contains("params.components");
    }
}
