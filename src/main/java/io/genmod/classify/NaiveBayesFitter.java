package io.genmod.classify;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Maximum-likelihood Gaussian naive Bayes. Means and variances are the per-class sample moments (variance with
 * divisor n_c); as in scikit-learn's GaussianNB, epsilon = varianceSmoothing * max_j Var(x_j) over all rows is
 * added to every variance. The isotropic variance of class c is the mean over features of its per-feature
 * variances (the maximum-likelihood sigma_c^2 of N(mu_c, sigma_c^2 I)); the shared variance of feature j is the
 * pooled within-class variance sum_c sum_{i in c} (x_ij - mu_cj)^2 / n.
 */
public final class NaiveBayesFitter {

    /** Rows per parallel block of the moment sums. */
    private static final int FIT_BLOCK = 8192;

    /** Points a class needs: one point has no variance. */
    public static final int MIN_POINTS_PER_CLASS = 2;

    private NaiveBayesFitter() {
    }

    /**
     * @param varianceSmoothing share of the largest feature variance added to every variance (scikit-learn's
     *                          var_smoothing), at least 0
     * @param priors P(c) per class in class order, or null for the class frequencies
     */
    public record Options(VarianceModel variance, double varianceSmoothing, double[] priors) {

        public static final double DEFAULT_VARIANCE_SMOOTHING = 1e-9;

        public Options {
            if (variance == null) {
                throw new InvalidParameterException("variance", "is required");
            }
            if (!Double.isFinite(varianceSmoothing) || varianceSmoothing < 0) {
                throw new InvalidParameterException("varianceSmoothing", "must be a finite number at least 0");
            }
            priors = priors == null ? null : priors.clone();
        }

        public static Options defaults() {
            return new Options(VarianceModel.DIAGONAL, DEFAULT_VARIANCE_SMOOTHING, null);
        }
    }

    /**
     * @param x rows. Not modified.
     * @param y class index of every row. Not modified.
     * @param classes the classes, for messages and their number
     * @throws InvalidParameterException for priors that do not fit the classes
     * @throws UnfittableDataException (field "y") for a single class or a class with fewer than two points,
     *         (field "x") for a variance of zero (a constant feature and no smoothing)
     */
    public static Fit<NaiveBayes> fit(double[][] x, int[] y, ClassLabels classes, Options options) {
        long started = System.nanoTime();
        int n = x.length;
        int k = classes.size();
        if (y.length != n) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int[] counts = classes.countsAtLeast(y, MIN_POINTS_PER_CLASS);
        double[] priors = options.priors() == null ? Priors.frequencies(counts) : Priors.checked(options.priors(), k, "priors");
        int d = x[0].length;

        double[][] means = classSums(x, y, k, null);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] /= counts[c];
            }
        }
        double[][] squares = classSums(x, y, k, means);
        double epsilon = options.varianceSmoothing() * largestVariance(x);

        double[][] variances = new double[k][d];
        switch (options.variance()) {
            case DIAGONAL -> {
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        variances[c][j] = squares[c][j] / counts[c] + epsilon;
                    }
                }
            }
            case ISOTROPIC -> {
                for (int c = 0; c < k; c++) {
                    double sum = 0;
                    for (int j = 0; j < d; j++) {
                        sum += squares[c][j] / counts[c];
                    }
                    Arrays.fill(variances[c], sum / d + epsilon);
                }
            }
            case SHARED -> {
                double[] pooled = new double[d];
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        pooled[j] += squares[c][j];
                    }
                }
                for (int j = 0; j < d; j++) {
                    pooled[j] = pooled[j] / n + epsilon;
                }
                for (int c = 0; c < k; c++) {
                    variances[c] = pooled.clone();
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                if (variances[c][j] == Double.POSITIVE_INFINITY || Double.isNaN(variances[c][j])) {
                    throw new UnfittableDataException("x", "feature " + j + "'s variance overflows double precision "
                            + "(its values are too far apart, about 1e154 or more); rescale the data");
                }
                if (!(variances[c][j] > 0)) {
                    throw new UnfittableDataException("x", (options.variance() == VarianceModel.SHARED
                            ? "feature " + j + " is constant within every class"
                            : options.variance() == VarianceModel.ISOTROPIC
                            ? "every feature is constant within class " + classes.describe(c)
                            : "feature " + j + " is constant within class " + classes.describe(c))
                            + (options.varianceSmoothing() > 0
                            ? ", and variance smoothing adds nothing: it is params.varianceSmoothing times the largest"
                                    + " variance of any feature over all rows, and every feature is constant there"
                                    + " too; give data with some spread"
                            : " and there is no variance smoothing; set params.varianceSmoothing above 0"));
                }
            }
        }
        NaiveBayes model = NaiveBayes.of(options.variance(), priors, means, variances, options.priors() != null);
        double logLikelihood = trainingLogLikelihood(model, x, y);
        return new Fit<>(model, Diagnostics.direct("naive-bayes", logLikelihood, n, model.parameterCount(),
                (System.nanoTime() - started) / 1_000_000));
    }

    /** max_j of the variance (divisor n) of column j over all rows. */
    static double largestVariance(double[][] x) {
        int n = x.length;
        int[] one = new int[n];
        double[][] mean = classSums(x, one, 1, null);
        for (int j = 0; j < mean[0].length; j++) {
            mean[0][j] /= n;
        }
        double[] squares = classSums(x, one, 1, mean)[0];
        double max = 0;
        for (double s : squares) {
            max = Math.max(max, s / n);
        }
        return max;
    }

    /**
     * Per class and feature, sum_i x_ij (when {@code means} is null) or sum_i (x_ij - means_cj)^2 over the rows of
     * class c. Blocks of rows are summed on all cores and their partial sums added in block order, so the result
     * does not depend on scheduling.
     */
    static double[][] classSums(double[][] x, int[] y, int k, double[][] means) {
        int n = x.length;
        int d = x[0].length;
        List<double[][]> partials = IntStream.range(0, (n + FIT_BLOCK - 1) / FIT_BLOCK).parallel().mapToObj(b -> {
            double[][] sums = new double[k][d];
            for (int i = b * FIT_BLOCK; i < Math.min(n, (b + 1) * FIT_BLOCK); i++) {
                double[] s = sums[y[i]];
                double[] row = x[i];
                if (means == null) {
                    for (int j = 0; j < d; j++) {
                        s[j] += row[j];
                    }
                } else {
                    double[] m = means[y[i]];
                    for (int j = 0; j < d; j++) {
                        double z = row[j] - m[j];
                        s[j] += z * z;
                    }
                }
            }
            return sums;
        }).toList();
        double[][] total = new double[k][d];
        for (double[][] partial : partials) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    total[c][j] += partial[c][j];
                }
            }
        }
        return total;
    }

    /** sum_i log p(x_i, y_i): the joint log-likelihood the fit maximises (a chunk of rows at a time). */
    static double trainingLogLikelihood(Classifier model, double[][] x, int[] y) {
        int chunk = ClassificationScore.chunkRows(model.classCount());
        double sum = 0;
        for (int from = 0; from < x.length; from += chunk) {
            int to = Math.min(x.length, from + chunk);
            double[][] jll = model.jointLogLikelihood(Arrays.copyOfRange(x, from, to));
            for (int i = from; i < to; i++) {
                sum += jll[i - from][y[i]];
            }
        }
        return sum;
    }
}
