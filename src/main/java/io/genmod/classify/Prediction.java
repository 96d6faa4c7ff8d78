package io.genmod.classify;

/**
 * What a classifier says about rows.
 *
 * @param labels the most probable class of each row (the first one on ties)
 * @param probabilities P(c | x) per row, each row summing to 1
 * @param logDensity marginal log p(x) per row
 */
public record Prediction(int[] labels, double[][] probabilities, double[] logDensity) {
}
