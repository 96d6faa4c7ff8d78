package io.genmod.mixture;

import io.genmod.core.InvalidParameterException;
import java.util.Arrays;

/**
 * Options of the gradient-ascent fitter beyond the common {@link MixtureOptions}.
 *
 * @param learningRate step size, > 0
 * @param batchSize points per mini-batch, or null for all the data (one step per iteration)
 * @param samples draws of z per point for the Monte Carlo estimator, >= 1
 */
public record GradientOptions(Optimizer optimizer, Estimator estimator, double learningRate, Integer batchSize,
                              int samples) {

    public static final double DEFAULT_LEARNING_RATE = 0.05;
    public static final int DEFAULT_SAMPLES = 100;
    public static final int DEFAULT_MAX_ITERATIONS = 1000;

    public GradientOptions {
        if (optimizer == null) {
            throw new InvalidParameterException("optimizer", "is required");
        }
        if (estimator == null) {
            throw new InvalidParameterException("gradientEstimator", "is required");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidParameterException("learningRate", "must be a positive number");
        }
        if (batchSize != null && batchSize < 1) {
            throw new InvalidParameterException("batchSize", "must be at least 1");
        }
        if (samples < 1) {
            throw new InvalidParameterException("samples", "must be at least 1");
        }
    }

    /** Adam with the defaults of Kingma and Ba (2015), or the exact (full-batch) gradient. */
    public static GradientOptions defaults() {
        return new GradientOptions(Optimizer.ADAM, Estimator.EXACT, DEFAULT_LEARNING_RATE, null, DEFAULT_SAMPLES);
    }

    /** The update rule. */
    public enum Optimizer {
        /** Adam (Kingma and Ba 2015), beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8. */
        ADAM("adam"),
        /** Plain stochastic gradient ascent, theta += learningRate * g. */
        SGD("sgd");

        private final String id;

        Optimizer(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optimizer of(String id) {
            return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidParameterException("optimizer", "unknown optimizer " + id));
        }
    }

    /** How the gradient of the log-likelihood is computed. */
    public enum Estimator {
        /** Through the exact responsibilities. */
        EXACT("exact"),
        /** The log-trick (score-function) estimator with z drawn from P(z | theta). */
        MONTE_CARLO("monte-carlo");

        private final String id;

        Estimator(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Estimator of(String id) {
            return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidParameterException("gradientEstimator", "unknown estimator " + id));
        }
    }
}
