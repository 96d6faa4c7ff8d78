/**
 * The web layer of {@code bayesian-network} models: the family that creates them, the served model (sample,
 * score) and the controller for {@code graph}, {@code query} and {@code independence}.
 */
package io.genmod.api.bayesnet;
