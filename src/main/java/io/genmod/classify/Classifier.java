package io.genmod.classify;

import java.util.random.RandomGenerator;

/**
 * A fitted generative classifier over classes 0..k-1: priors P(c) and class densities p(x | c), combined by
 * Bayes' rule. Implementations are immutable.
 */
public interface Classifier {

    int classCount();

    int dimension();

    /** P(c) per class. A copy. */
    double[] priors();

    /**
     * log p(x_i | c) + log P(c).
     *
     * @param x rows of width {@link #dimension()}. Not modified.
     * @return n x k joint log-likelihoods
     */
    double[][] jointLogLikelihood(double[][] x);

    /** Posterior probabilities, most probable class and marginal log p(x) of every row. */
    default Prediction predict(double[][] x) {
        return Posterior.of(jointLogLikelihood(x), priors());
    }

    /** Marginal log p(x) = log sum_c p(x | c) P(c) per row. */
    default double[] logDensity(double[][] x) {
        return predict(x).logDensity();
    }

    /** Draws c from the priors, then x from p(x | c). The same generator state gives the same draws. */
    LabelledSample sample(int n, RandomGenerator random);

    /** Free parameters (priors included unless they were given), or -1 when undefined (KDE classes). */
    int parameterCount();

    /** Rows and their class indices. */
    record LabelledSample(double[][] x, int[] labels) {
    }
}
