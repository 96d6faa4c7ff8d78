package io.genmod.kde;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.FitProgress;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.selection.CrossValidation;
import io.genmod.selection.Folds;
import java.util.SplittableRandom;

/** Fits a kernel density estimate: chooses the bandwidth (given, a rule, or cross-validation) and keeps the points. */
public final class KernelDensityFitter {

    /** Cross-validation grid: scott times 10^(-1 + 2 i / (GRID - 1)), i = 0..GRID-1. */
    static final int GRID = 21;
    static final int CV_FOLDS = 5;
    /** Fixed seed of the cross-validation folds, so that the chosen bandwidth depends on the data only. */
    static final long CV_SEED = 20261125L;

    private KernelDensityFitter() {
    }

    /** How the bandwidth is chosen. */
    public enum Rule {
        FIXED("fixed"), SCOTT("scott"), SILVERMAN("silverman"), CROSS_VALIDATION("cross-validation");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * @param bandwidth the bandwidth when {@code rule} is FIXED (> 0), else ignored
     * @param relativeTolerance 0 for exact evaluation, else in (0, 1)
     */
    public record Options(Kernel kernel, Rule rule, double bandwidth, double relativeTolerance) {
        public Options {
            if (kernel == null) {
                throw new InvalidParameterException("kernel", "is required");
            }
            if (rule == null) {
                throw new InvalidParameterException("bandwidth", "is required");
            }
            if (rule == Rule.FIXED && !(bandwidth > 0 && Double.isFinite(bandwidth))) {
                throw new InvalidParameterException("bandwidth", "must be a finite number greater than 0");
            }
            if (!(relativeTolerance >= 0) || relativeTolerance >= 1) {
                throw new InvalidParameterException("relativeTolerance", "must be at least 0 and below 1");
            }
        }
    }

    /** @throws UnfittableDataException when a rule needs a spread and the data has none */
    public static Fit<KernelDensity> fit(double[][] x, Options options) {
        long t0 = System.nanoTime();
        double h;
        switch (options.rule()) {
            case FIXED:
                h = options.bandwidth();
                break;
            case SCOTT:
                h = scott(x);
                break;
            case SILVERMAN:
                h = silverman(x);
                break;
            case CROSS_VALIDATION:
                h = crossValidated(x, options.kernel(), options.relativeTolerance());
                break;
            default:
                throw new IllegalStateException(options.rule().name());
        }
        KernelDensity kde = new KernelDensity(x, options.kernel(), h, options.relativeTolerance());
        double logLikelihood = 0;
        for (double v : kde.logDensity(x)) {
            logLikelihood += v;
        }
        return new Fit<>(kde, Diagnostics.direct("kernel-density", logLikelihood, x.length, -1,
                (System.nanoTime() - t0) / 1_000_000));
    }

    /** sigma n^(-1/(d+4)) (Scott 1992), sigma the pooled standard deviation. */
    public static double scott(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        return pooledSigma(x) * Math.pow(n, -1.0 / (d + 4));
    }

    /** sigma (n (d + 2) / 4)^(-1/(d+4)) (Silverman 1986). */
    public static double silverman(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        return pooledSigma(x) * Math.pow(n * (d + 2) / 4.0, -1.0 / (d + 4));
    }

    /**
     * sqrt of the mean over dimensions of the sample variances (ddof 1), computed on the data divided by the
     * power of two of its largest magnitude, so that values near the largest double (whose squares overflow)
     * still give it.
     */
    static double pooledSigma(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        if (n < 2) {
            throw new UnfittableDataException("x", "a bandwidth rule needs at least two rows");
        }
        double scale = 0;
        for (double[] row : x) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        if (scale == 0) {
            throw new UnfittableDataException("x", "the data has no spread; give a numeric bandwidth");
        }
        // a power of two: dividing by it and multiplying back are exact, so ordinary data get the same bits
        scale = Math.scalb(1.0, Math.getExponent(scale));
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[k] / scale;
            }
            mean /= n;
            double ss = 0;
            for (double[] row : x) {
                double v = row[k] / scale - mean;
                ss += v * v;
            }
            sum += ss / (n - 1);
        }
        double sigma = scale * Math.sqrt(sum / d);
        if (!(sigma > 0)) {
            throw new UnfittableDataException("x", "the data has no spread; give a numeric bandwidth");
        }
        return sigma;
    }

    /**
     * The grid bandwidth with the best 5-fold held-out log-likelihood (fewer folds for fewer than 5 rows);
     * ties and all-minus-infinity scores go to the larger bandwidth.
     */
    static double crossValidated(double[][] x, Kernel kernel, double relativeTolerance) {
        double scott = scott(x);
        int k = Math.min(CV_FOLDS, x.length);
        int[][] folds = Folds.split(x.length, k, new SplittableRandom(CV_SEED));
        double best = Double.NEGATIVE_INFINITY;
        double bestH = scott * 10;
        for (int i = GRID - 1; i >= 0; i--) {
            double h = scott * Math.pow(10, -1 + 2.0 * i / (GRID - 1));
            CrossValidation.Score s = CrossValidation.score(x,
                    train -> new Fit<>(new KernelDensity(train, kernel, h, relativeTolerance), null), folds);
            if (s.meanLogLikelihood() > best) {
                best = s.meanLogLikelihood();
                bestH = h;
            }
            // one grid bandwidth done: progress for training jobs, and where cancellation and deadlines stop it
            FitProgress.report(GRID - i, s.meanLogLikelihood());
        }
        return bestH;
    }
}
