package io.genmod.api.dto;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /models/{id}/sample}. */
public record SampleRequest(
        @Schema(description = "Number of draws", example = "100") @NotNull @Min(1) @Max(1_000_000) Integer n,
        @Schema(description = "Seed; the same seed gives the same draws", example = "1") Long seed) {
}
