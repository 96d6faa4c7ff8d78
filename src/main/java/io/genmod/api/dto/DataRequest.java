package io.genmod.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Body of {@code log-density} and {@code predict}: rows of the model's dimension. */
public record DataRequest(
        @Schema(description = "Rows; a flat list means one column", example = "[[0.0, 1.0], [2.5, -1.0]]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        JsonNode x) {
}
