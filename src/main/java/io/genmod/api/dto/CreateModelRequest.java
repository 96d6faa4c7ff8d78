package io.genmod.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /models}: a type, then data ({@code x}, {@code y}, records, counts) or {@code parameters}. */
@Schema(description = "A model to fit from data or to import from its parameters. Read-only fields of a "
        + "GET body (id, createdAt, trainingSize, diagnostics) are ignored, so a GET body can be POSTed back.")
public record CreateModelRequest(
        @Schema(description = "Model type", example = "gaussian-mixture", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"gaussian-mixture", "histogram", "variable-histogram", "kernel-density",
                        "naive-bayes", "generative-classifier", "bayesian-network"})
        String type,
        @Schema(description = "Optional label", example = "two clusters")
        String name,
        @Schema(description = "Data, one row per observation; a flat list means one column",
                example = "[[0.1, 2.3], [1.2, 0.4], [5.1, 5.3], [4.9, 5.8]]")
        JsonNode x,
        @Schema(description = "Class labels (strings or integers) for classifiers", example = "[\"a\", \"a\", \"b\", \"b\"]")
        JsonNode y,
        @Schema(description = "Hyper-parameters of the type; unknown keys are rejected",
                example = "{\"components\": 2, \"covarianceType\": \"full\", \"seed\": 7}")
        JsonNode params,
        @Schema(description = "Fitted parameters of an imported model, instead of data")
        JsonNode parameters,
        @Schema(description = "Bayesian network structure: {\"parents\": {...}} or {\"factorisation\": \"P(a)P(b|a)\"}")
        JsonNode structure,
        @Schema(description = "Bayesian network states per variable")
        JsonNode states,
        @Schema(description = "Bayesian network records, one object per observation")
        JsonNode records,
        @Schema(description = "Bayesian network counts: [{\"assignment\": {...}, \"count\": 62}]")
        JsonNode counts) {
}
