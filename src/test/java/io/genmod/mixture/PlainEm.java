package io.genmod.mixture;

import io.genmod.math.LogSumExp;

/** The textbook EM loop (E-step over all rows into an n x k matrix, then the M-step), the reference for {@link EmEngine}. */
final class PlainEm {

    private final double[][] x;
    private final CovarianceType type;
    private final double regularization;

    PlainEm(double[][] x, CovarianceType type, double regularization) {
        this.x = x;
        this.type = type;
        this.regularization = regularization;
    }

    /** The result of EM from one start: trace[0] at the start, trace[i] after the i-th update. */
    record Run(GaussianMixture model, double logLikelihood, double[] trace) {
    }

    /** Exactly {@code iterations} updates from {@code initial} (no stopping test). */
    Run run(GaussianMixture initial, int iterations) {
        int n = x.length;
        double[] trace = new double[iterations + 1];
        double[][] resp = new double[n][initial.components()];
        GaussianMixture current = initial;
        double ll = eStep(current, resp);
        trace[0] = ll / n;
        for (int i = 1; i <= iterations; i++) {
            current = MaximumLikelihood.estimate(x, resp, type, regularization);
            ll = eStep(current, resp);
            trace[i] = ll / n;
        }
        return new Run(current, ll, trace);
    }

    /** Responsibilities into {@code resp}; returns the log-likelihood. */
    private double eStep(GaussianMixture m, double[][] resp) {
        double[] work = new double[m.dimension()];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double[] row = resp[i];
            m.logWeightedDensities(x[i], row, work);
            double norm = LogSumExp.of(row);
            sum += norm;
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.exp(row[j] - norm);
            }
        }
        return sum;
    }
}
