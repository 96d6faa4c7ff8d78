package io.genmod.api.dto;

/** log p(x) per row; minus infinity (zero density) is written as null. */
public record LogDensityResponse(double[] logDensity) {
}
