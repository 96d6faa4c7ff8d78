package io.genmod.api.bayesnet;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Body of {@code POST /models/{id}/query}. */
@Schema(description = "Variables whose posterior joint is wanted, and the observed evidence")
public record QueryRequest(
        @Schema(description = "Query variables (at least one, none observed)", example = "[\"C\"]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> variables,
        @Schema(description = "Observed variable to state (a string, an integer or a boolean); may be empty",
                example = "{\"S\": \"yes\"}")
        Map<String, JsonNode> evidence,
        @Schema(description = "Greedy elimination order heuristic", example = "min-fill",
                allowableValues = {"min-fill", "min-degree"}, defaultValue = "min-fill")
        String eliminationOrder) {
}
