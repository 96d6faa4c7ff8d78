package io.genmod.classify;

import io.genmod.core.InvalidParameterException;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Gaussian naive Bayes: x | c ~ N(mu_c, diag(v_c)), so that
 * log p(x, c) = log P(c) - 1/2 sum_j log(2 pi v_cj) - 1/2 sum_j (x_j - mu_cj)^2 / v_cj
 * (the joint log-likelihood of scikit-learn's GaussianNB). Prediction works on blocks of rows transposed into
 * a column-major buffer, so that the inner loop runs over rows with per-class constants hoisted out of it;
 * blocks run on all cores, each row's result depending only on that row.
 */
public final class NaiveBayes implements Classifier {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Rows per parallel task. */
    private static final int TASK_ROWS = 4096;
    /** Rows per transposed block: with 64 features the block (64 KiB) stays in L2. */
    private static final int BLOCK_ROWS = 128;

    private final VarianceModel varianceModel;
    private final int k;
    private final int d;
    private final double[] priors;
    private final boolean priorsGiven;
    private final double[][] means;
    private final double[][] variances;
    /** mu_cj at [c * d + j]. */
    private final double[] meanFlat;
    /** 1 / v_cj at [c * d + j]. */
    private final double[] precisionFlat;
    /** log P(c) - 1/2 sum_j log(2 pi v_cj). */
    private final double[] constants;

    private NaiveBayes(VarianceModel varianceModel, double[] priors, boolean priorsGiven, double[][] means,
                       double[][] variances) {
        this.varianceModel = varianceModel;
        this.k = priors.length;
        this.d = means[0].length;
        this.priors = priors.clone();
        this.priorsGiven = priorsGiven;
        this.means = new double[k][];
        this.variances = new double[k][];
        this.meanFlat = new double[k * d];
        this.precisionFlat = new double[k * d];
        this.constants = new double[k];
        for (int c = 0; c < k; c++) {
            this.means[c] = means[c].clone();
            this.variances[c] = variances[c].clone();
            double logNorm = 0;
            for (int j = 0; j < d; j++) {
                meanFlat[c * d + j] = means[c][j];
                precisionFlat[c * d + j] = 1.0 / variances[c][j];
                logNorm += Math.log(2.0 * Math.PI * variances[c][j]);
            }
            constants[c] = Math.log(priors[c]) - 0.5 * logNorm;
        }
    }

    /**
     * A model from its parameters.
     *
     * @param priors P(c), summing to 1
     * @param means k x d
     * @param variances per class and feature (k x d) whatever the model; the values must respect
     *                  {@code varianceModel} (equal within a class for isotropic, across classes for shared)
     * @param priorsGiven whether the priors were fixed in advance (they then do not count as parameters)
     * @throws InvalidParameterException for shapes that do not fit, non-finite values or variances that are not positive
     */
    public static NaiveBayes of(VarianceModel varianceModel, double[] priors, double[][] means, double[][] variances,
                                boolean priorsGiven) {
        int k = priors.length;
        if (k < 2) {
            throw new InvalidParameterException("classes", "must have at least two classes");
        }
        double[] p = Priors.checked(priors, k, "priors");
        if (means.length != k) {
            throw new InvalidParameterException("means", "must have one row per class (" + k + ")");
        }
        if (variances.length != k) {
            throw new InvalidParameterException("variances", "must have one entry per class (" + k + ")");
        }
        int d = means[0].length;
        if (d == 0) {
            throw new InvalidParameterException("means", "must have at least one column");
        }
        for (int c = 0; c < k; c++) {
            if (means[c].length != d) {
                throw new InvalidParameterException("means[" + c + "]", "must have " + d + " columns");
            }
            if (variances[c].length != d) {
                throw new InvalidParameterException("variances[" + c + "]", "must have " + d + " columns");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(means[c][j])) {
                    throw new InvalidParameterException("means[" + c + "][" + j + "]", "must be finite");
                }
                if (!(variances[c][j] > 0) || !Double.isFinite(variances[c][j])) {
                    throw new InvalidParameterException("variances", "must be finite and positive");
                }
            }
        }
        return new NaiveBayes(varianceModel, p, priorsGiven, means, variances);
    }

    public VarianceModel varianceModel() {
        return varianceModel;
    }

    @Override
    public int classCount() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] priors() {
        return priors.clone();
    }

    /** mu_c per class (k x d). A copy. */
    public double[][] means() {
        return copy(means);
    }

    /** v_cj per class and feature (k x d), whatever the variance model. A copy. */
    public double[][] variances() {
        return copy(variances);
    }

    /** The variances in the variance model's own shape: k x d (diagonal), k (isotropic) or d (shared). */
    public Object compactVariances() {
        return switch (varianceModel) {
            case DIAGONAL -> variances();
            case ISOTROPIC -> {
                double[] v = new double[k];
                for (int c = 0; c < k; c++) {
                    v[c] = variances[c][0];
                }
                yield v;
            }
            case SHARED -> variances[0].clone();
        };
    }

    @Override
    public int parameterCount() {
        return (priorsGiven ? 0 : k - 1) + k * d + varianceModel.parameters(k, d);
    }

    @Override
    public double[][] jointLogLikelihood(double[][] x) {
        double[][] jll = new double[x.length][k];
        run(x, jll, null, null, null);
        return jll;
    }

    /** The fused path: joint log-likelihoods, posteriors, labels and log p(x) in one pass over blocks. */
    @Override
    public Prediction predict(double[][] x) {
        int n = x.length;
        int[] labels = new int[n];
        double[][] probabilities = new double[n][];
        double[] logDensity = new double[n];
        run(x, probabilities, labels, logDensity, priors);
        return new Prediction(labels, probabilities, logDensity);
    }

    /**
     * @param out per row, the joint log-likelihoods, or with {@code labels} the posteriors. Modified (rows
     *            allocated where null).
     */
    private void run(double[][] x, double[][] out, int[] labels, double[] logDensity, double[] priorsForEmpty) {
        int n = x.length;
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " columns, not " + d);
            }
        }
        IntStream.range(0, (n + TASK_ROWS - 1) / TASK_ROWS).parallel().forEach(t -> {
            double[][] block = new double[d][BLOCK_ROWS];
            double[] acc = new double[BLOCK_ROWS];
            double[] jll = new double[BLOCK_ROWS * k];
            int taskEnd = Math.min(n, (t + 1) * TASK_ROWS);
            for (int start = t * TASK_ROWS; start < taskEnd; start += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, taskEnd - start);
                block(x, start, rows, block, acc, jll);
                for (int r = 0; r < rows; r++) {
                    int i = start + r;
                    double[] row = out[i] != null ? out[i] : new double[k];
                    System.arraycopy(jll, r * k, row, 0, k);
                    if (labels != null) {
                        labels[i] = Posterior.argmax(row, 0, k, priorsForEmpty);
                        logDensity[i] = Posterior.normalise(row, 0, k, priorsForEmpty);
                    }
                    out[i] = row;
                }
            }
        });
    }

    /**
     * Joint log-likelihoods of rows start..start+rows into {@code jll} (row-major, k per row). The block is
     * transposed into one array per feature so that the loop over rows starts at index 0 of plain arrays, which
     * the JIT compiles to SIMD instructions.
     *
     * @param block work space, d arrays of BLOCK_ROWS. Modified.
     * @param acc work space of BLOCK_ROWS. Modified.
     * @param jll output. Modified.
     */
    private void block(double[][] x, int start, int rows, double[][] block, double[] acc, double[] jll) {
        for (int r = 0; r < rows; r++) {
            double[] xr = x[start + r];
            for (int j = 0; j < d; j++) {
                block[j][r] = xr[j];
            }
        }
        for (int c = 0; c < k; c++) {
            Arrays.fill(acc, 0.0);
            int offset = c * d;
            for (int j = 0; j < d; j++) {
                double mu = meanFlat[offset + j];
                double precision = precisionFlat[offset + j];
                double[] column = block[j];
                for (int r = 0; r < BLOCK_ROWS; r++) {
                    double z = column[r] - mu;
                    acc[r] += z * z * precision;
                }
            }
            double constant = constants[c];
            for (int r = 0; r < rows; r++) {
                jll[r * k + c] = constant - 0.5 * acc[r];
            }
        }
    }

    @Override
    public LabelledSample sample(int n, RandomGenerator random) {
        double[][] x = new double[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = Sampling.categorical(priors, random);
            labels[i] = c;
            for (int j = 0; j < d; j++) {
                x[i][j] = means[c][j] + Math.sqrt(variances[c][j]) * random.nextGaussian();
            }
        }
        return new LabelledSample(x, labels);
    }

    private static double[][] copy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }
}
