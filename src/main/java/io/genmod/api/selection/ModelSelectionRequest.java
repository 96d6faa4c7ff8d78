package io.genmod.api.selection;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /api/v1/model-selection}. */
@Schema(description = "Data and candidate density models to compare by k-fold cross-validation")
public record ModelSelectionRequest(
        @Schema(description = "Data, one row per observation; a flat list means one column",
                example = "[0.3, 1.9, -0.7, 2.2, 0.1, -1.4, 1.1, 0.8, -0.2, 1.6]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode x,
        @Schema(description = "Candidates: a density type and its params, as in POST /models without data",
                example = "[{\"type\": \"histogram\", \"params\": {\"bins\": 10}}, "
                        + "{\"type\": \"kernel-density\", \"params\": {\"bandwidth\": \"scott\"}}]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode candidates,
        @Schema(description = "Number of folds, 2 to the number of rows", example = "5", defaultValue = "5")
        JsonNode folds,
        @Schema(description = "Seed of the fold assignment, and of every candidate that takes a seed and gives none "
                + "(gaussian-mixture): the same request with the same seed gives the same ranking. Random when absent",
                example = "1")
        JsonNode seed) {
}
