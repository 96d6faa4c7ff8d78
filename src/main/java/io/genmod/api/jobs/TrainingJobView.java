package io.genmod.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.springframework.http.ProblemDetail;

/** A training job as {@code GET /training-jobs/{id}} answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobView(
        @Schema(example = "j-4k2c9x0a") String id,
        @Schema(allowableValues = {"queued", "running", "succeeded", "failed", "cancelled"}) String state,
        @Schema(example = "gaussian-mixture") String type,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Last reported iteration and mean log-likelihood (lower bound for variational fits); "
                + "absent for models fitted without iterations") Progress progress,
        @Schema(description = "The fitted model's id, on success") String modelId,
        @Schema(description = "The problem that made the fit fail, as POST /models would have answered it") ProblemDetail error) {

    /** The last iteration a fitter reported and the value it reached. */
    public record Progress(int iteration, double logLikelihood) {
    }

    boolean terminal() {
        return "succeeded".equals(state) || "failed".equals(state) || "cancelled".equals(state);
    }
}
