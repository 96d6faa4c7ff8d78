package io.genmod.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /models/{id}/score}: {@code x} (and {@code y} for classifiers), or Bayesian-network {@code records}. */
public record ScoreRequest(
        @Schema(description = "Rows to score", example = "[[0.0, 1.0], [2.5, -1.0]]") JsonNode x,
        @Schema(description = "True labels, for classifiers") JsonNode y,
        @Schema(description = "Records, for Bayesian networks") JsonNode records) {
}
