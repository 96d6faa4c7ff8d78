package io.genmod.api.bayesnet;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Body of {@code POST /models/{id}/independence}: is x independent of y given {@code given}? */
public record IndependenceRequest(
        @Schema(description = "First set of variables", example = "[\"John\"]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> x,
        @Schema(description = "Second set, disjoint from x", example = "[\"Jane\"]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> y,
        @Schema(description = "Conditioning set, disjoint from x and y; may be empty", example = "[\"T\"]")
        List<String> given) {
}
