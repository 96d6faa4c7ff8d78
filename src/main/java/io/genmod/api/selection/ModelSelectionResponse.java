package io.genmod.api.selection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Candidates ranked best first. */
public record ModelSelectionResponse(
        @Schema(description = "One entry per candidate, best held-out mean log-likelihood first") List<Entry> ranking,
        @Schema(description = "Number of folds used", example = "5") int folds) {

    /** One candidate's scores. */
    @Schema(name = "RankingEntry")
    public record Entry(
            @Schema(description = "The candidate as given") JsonNode candidate,
            @Schema(description = "Mean log-density of the held-out rows over all folds; null when some held-out row "
                    + "had zero density (outside a histogram's support)", example = "-1.42", nullable = true)
            Double heldOutMeanLogLikelihood,
            @Schema(description = "Standard error of the per-fold means (their standard deviation over sqrt(k)); "
                    + "null when undefined", example = "0.03", nullable = true)
            Double standardError,
            @Schema(description = "Held-out rows with zero density", example = "0") int outsideSupport,
            @Schema(description = "BIC of the fit on all rows (p ln n - 2 ln L); null without a parameter count",
                    nullable = true) Double bic,
            @Schema(description = "AIC of the fit on all rows (2p - 2 ln L); null without a parameter count",
                    nullable = true) Double aic,
            @Schema(description = "Free parameters; null where undefined (kernel-density)", nullable = true)
            Integer parameterCount,
            @Schema(description = "Time of the fit on all rows, milliseconds", example = "12") long fitMillis) {
    }
}
