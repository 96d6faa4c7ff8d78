package io.genmod.mixture;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.core.WorkingMemory;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Starting points for every mixture fitter, as scikit-learn's {@code _initialize_parameters}: initial
 * responsibilities from k-means++ (then Lloyd iterations), random weights or random data points, and the
 * initial mixture as the M-step of those responsibilities ({@link MaximumLikelihood}) with given values in
 * place of estimated ones.
 */
public final class MixtureInitialiser {

    /** Lloyd iterations after k-means++ seeding; scikit-learn's 'kmeans' init runs k-means to convergence. */
    static final int LLOYD_ITERATIONS = 20;

    private MixtureInitialiser() {
    }

    /**
     * The initial mixture of {@code options} for data {@code x}: the M-step of {@link #responsibilities}, with
     * given weights, means and covariances replacing the estimates. With {@code init} given, missing weights
     * or covariances are estimated from the hard assignment of each row to its nearest given mean.
     *
     * @param x rows. Not modified.
     * @throws UnfittableDataException on "params.components" when there are fewer rows than components
     * @throws InvalidParameterException when given initial values do not fit the data's shape
     */
    public static GaussianMixture initialMixture(double[][] x, MixtureOptions options, RandomGenerator random) {
        checkSize(x, options.components());
        int k = options.components();
        int d = x[0].length;
        if (options.init() != Initialisation.GIVEN) {
            return MaximumLikelihood.estimate(x, responsibilities(x, k, options.init(), random),
                    options.covarianceType(), options.regularization());
        }
        double[][] givenMeans = options.initialMeans();
        checkGiven(options, d);
        double[] weights = options.initialWeights();
        double[][][] cov = options.initialCovariances();
        if (weights == null || cov == null) {
            GaussianMixture estimated = MaximumLikelihood.estimate(x, hard(new KMeansPoints(x).nearest(givenMeans), k),
                    options.covarianceType(), options.regularization());
            weights = weights != null ? weights : estimated.weights();
            cov = cov != null ? cov : estimated.covariances();
        }
        try {
            return GaussianMixture.of(options.covarianceType(), weights, givenMeans, cov);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(givenField(e.field()), e.getMessage());
        } catch (UnfittableDataException e) {
            if (options.initialCovariances() != null) {
                throw new InvalidParameterException("initialCovariances", "must be positive definite matrices");
            }
            throw e;
        }
    }

    /**
     * Initial responsibilities, n x k, for every kind but {@link Initialisation#GIVEN}: hard assignments after
     * k-means++ seeding (Arthur and Vassilvitskii 2007, with scikit-learn's 2 + ln k greedy trials) and Lloyd
     * iterations; uniform random rows normalised to 1; or hard assignments to k distinct random rows. Read
     * the rows only: hard assignments share one array per component.
     *
     * @param x rows. Not modified.
     */
    public static double[][] responsibilities(double[][] x, int k, Initialisation init, RandomGenerator random) {
        checkSize(x, k);
        return switch (init) {
            case KMEANS_PLUS_PLUS -> {
                KMeansPoints points = new KMeansPoints(x);
                yield hard(points.lloyd(x, kMeansPlusPlus(x, points, k, random), LLOYD_ITERATIONS), k);
            }
            case RANDOM -> {
                double[][] r = new double[x.length][k];
                for (double[] row : r) {
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        row[j] = random.nextDouble();
                        sum += row[j];
                    }
                    for (int j = 0; j < k; j++) {
                        row[j] /= sum;
                    }
                }
                yield r;
            }
            case RANDOM_FROM_DATA -> {
                int[] chosen = random.ints(0, x.length).distinct().limit(k).toArray();
                double[][] centres = new double[k][];
                for (int j = 0; j < k; j++) {
                    centres[j] = x[chosen[j]].clone();
                }
                yield hard(new KMeansPoints(x).nearest(centres), k);
            }
            case GIVEN -> throw new IllegalArgumentException("given initial values have no responsibilities");
        };
    }

    /**
     * k-means++ seeding with greedy local trials, as scikit-learn's {@code _kmeans_plusplus}.
     *
     * @param points the rows of {@code x} in blocks
     */
    static double[][] kMeansPlusPlus(double[][] x, KMeansPoints points, int k, RandomGenerator random) {
        int n = x.length;
        int d = x[0].length;
        int trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] closest = new double[n];
        points.squaredDistances(centres[0], closest);
        double potential = 0;
        for (int i = 0; i < n; i++) {
            potential += closest[i];
        }
        // the trials of a centre are drawn first, then their distances computed in one pass over the data
        double[][] candidates = new double[trials][n];
        int[] indices = new int[trials];
        double[][] trialCentres = new double[trials][];
        for (int c = 1; c < k; c++) {
            for (int t = 0; t < trials; t++) {
                indices[t] = potential > 0 ? pick(closest, random.nextDouble() * potential) : random.nextInt(n);
                trialCentres[t] = x[indices[t]];
            }
            points.squaredDistances(trialCentres, closest, candidates);
            int best = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int i = 0; i < n; i++) {
                    p += candidates[t][i];
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    best = t;
                }
            }
            centres[c] = x[indices[best]].clone();
            double[] previous = closest;
            closest = candidates[best];
            candidates[best] = previous;
            potential = bestPotential;
        }
        assert centres[k - 1].length == d;
        return centres;
    }

    /** The first index whose cumulative weight exceeds {@code u}. */
    private static int pick(double[] weights, double u) {
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                cumulative += weights[i];
                if (cumulative > u) {
                    return i;
                }
            }
        }
        return last;
    }

    /**
     * Hard responsibilities: row i is the unit vector of labels[i]. Rows with the same label are one shared
     * array (n references and k unit rows instead of n x k doubles), so they must be read, never written.
     */
    static double[][] hard(int[] labels, int k) {
        double[][] unit = new double[k][k];
        for (int j = 0; j < k; j++) {
            unit[j][j] = 1;
        }
        double[][] r = new double[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            r[i] = unit[labels[i]];
        }
        return r;
    }

    /**
     * Refuses data that cannot be fitted with k components: no rows or columns, fewer rows than components, or
     * a fit whose working memory exceeds {@link WorkingMemory#budget()}: the n x k initial responsibilities,
     * the k x (d^2 + d + 1) statistics of each of EM's parallel chunks and two packed copies of the data.
     */
    static void checkSize(double[][] x, int k) {
        if (x.length == 0 || x[0].length == 0) {
            throw new UnfittableDataException("x", "must have at least one row and one column");
        }
        if (x.length < k) {
            throw new UnfittableDataException("params.components", "there are " + x.length + " rows but " + k
                    + " components; use at most as many components as rows");
        }
        double largest = 0;
        for (double[] row : x) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        // squared distances between rows, and variances, reach 4 d largest^2: they must be numbers
        if (!Double.isFinite(4.0 * x[0].length * largest * largest)) {
            throw new UnfittableDataException("x", String.format(Locale.ROOT, "values reach %.3g, so squared "
                    + "distances between rows and variances overflow double precision; rescale the data (divide it "
                    + "by a constant)", largest));
        }
        double n = x.length;
        double d = x[0].length;
        double bytes = Double.BYTES * (n * k + EmEngine.MAX_CHUNKS * k * (d * d + d + 1) + 2 * n * d);
        WorkingMemory.check(bytes, "params.components", String.format(Locale.ROOT,
                "%d rows of %d columns with %d components", x.length, x[0].length, k),
                "use fewer components, rows or columns");
    }

    private static void checkGiven(MixtureOptions options, int d) {
        int k = options.components();
        double[][] means = options.initialMeans();
        if (means.length != k) {
            throw new InvalidParameterException("initialMeans", "must have one row per component (" + k + ")");
        }
        for (int j = 0; j < k; j++) {
            if (means[j].length != d) {
                throw new InvalidParameterException("initialMeans[" + j + "]", "must have " + d + " columns like x");
            }
        }
        if (options.initialWeights() != null && options.initialWeights().length != k) {
            throw new InvalidParameterException("initialWeights", "must have one weight per component (" + k + ")");
        }
        double[][][] cov = options.initialCovariances();
        if (cov != null) {
            if (cov.length != k) {
                throw new InvalidParameterException("initialCovariances", "must have one matrix per component (" + k + ")");
            }
            for (int j = 0; j < k; j++) {
                if (cov[j].length != d) {
                    throw new InvalidParameterException("initialCovariances[" + j + "]", "must be " + d + " x " + d);
                }
                for (double[] row : cov[j]) {
                    if (row.length != d) {
                        throw new InvalidParameterException("initialCovariances[" + j + "]", "must be " + d + " x " + d);
                    }
                }
            }
        }
    }

    /** "weights[2]" from the mixture becomes "initialWeights[2]" in the options. */
    private static String givenField(String field) {
        if (field == null) {
            return "initialMeans";
        }
        return "initial" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
