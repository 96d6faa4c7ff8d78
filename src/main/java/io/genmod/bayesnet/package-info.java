/**
 * Discrete Bayesian networks: structure ({@link io.genmod.bayesnet.Dag}, parsed from a
 * {@link io.genmod.bayesnet.Factorisation}), conditional probability tables learnt by
 * {@link io.genmod.bayesnet.CptLearner}, exact inference by {@link io.genmod.bayesnet.VariableElimination}
 * and d-separation by {@link io.genmod.bayesnet.DSeparation}. No framework dependencies.
 */
package io.genmod.bayesnet;
