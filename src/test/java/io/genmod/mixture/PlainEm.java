package io.genmod.mixture;

import io.genmod.math.LogSumExp;
import java.util.Arrays;

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
    record Run(GaussianMixture model, double logLikelihood, int iterations, boolean converged, double[] trace) {
    }

    Run run(GaussianMixture initial, int maxIterations, double tolerance) {
        int n = x.length;
        double[] trace = new double[maxIterations + 1];
        double[][] resp = new double[n][initial.components()];
        GaussianMixture current = initial;
        double ll = eStep(current, resp);
        trace[0] = ll / n;
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations) {
            current = MaximumLikelihood.estimate(x, resp, type, regularization);
            double previous = trace[iterations];
            ll = eStep(current, resp);
            iterations++;
            trace[iterations] = ll / n;
            if (Math.abs(trace[iterations] - previous) < tolerance) {
                converged = true;
                break;
            }
        }
        return new Run(current, ll, iterations, converged, Arrays.copyOf(trace, iterations + 1));
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
