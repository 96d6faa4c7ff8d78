package io.genmod.kde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kernel density estimates against scikit-learn's {@code score_samples} (tools/reference/kde/kde_reference.py),
 * against a brute-force sum, and sampling against the density it samples from.
 */
class KernelDensityTest {

    /** score_samples-equal log-densities: relative error at relativeTolerance 0. */
    private static final double SKLEARN_RELATIVE = 1e-9;
    /** Exact evaluation against a direct log-sum-exp of every term. */
    private static final double BRUTE_FORCE_RELATIVE = 1e-12;
    /** Kolmogorov-Smirnov distance allowed for 20,000 draws (the 1% critical value is 0.0115). */
    private static final double KS_TOLERANCE = 0.0115;
    private static final double QUADRATURE = 2e-4;
    /**
     * scikit-learn's cosine normalisation in two dimensions is 1/4 where the integral of cos(pi r / 2) over
     * the unit disc is 4 - 8/pi, so its density integrates to 1 - 2/pi = 0.3634 (we keep its constants).
     */
    private static final double SKLEARN_COSINE_MASS_2D = 1 - 2 / Math.PI;

    private static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = node.get(i);
            m[i] = new double[row.size()];
            for (int k = 0; k < m[i].length; k++) {
                m[i][k] = row.get(k).asDouble();
            }
        }
        return m;
    }

    private static double[][] normal(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void logDensitiesEqualScikitLearnsForEveryKernelInOneTwoAndThreeDimensions() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/kde/sklearn_score_samples.json")) {
            ref = JsonMapper.builder().build().readTree(in);
        }
        int compared = 0;
        for (JsonNode c : ref.get("cases")) {
            Kernel kernel = Kernel.of(c.get("kernel").asString());
            KernelDensity kde = new KernelDensity(matrix(c.get("train")), kernel, c.get("bandwidth").asDouble(), 0);
            double[] ours = kde.logDensity(matrix(c.get("queries")));
            JsonNode expected = c.get("logDensity");
            for (int i = 0; i < ours.length; i++) {
                String label = kernel + " d=" + c.get("dimension").asInt() + " query " + i;
                if (expected.get(i).isNull() || c.get("outsideSupport").get(i).asBoolean()) {
                    // zero density; scikit-learn returns it as -inf or as a residue of its log-space bounds
                    assertThat(ours[i]).as(label).isEqualTo(Double.NEGATIVE_INFINITY);
                } else {
                    double e = expected.get(i).asDouble();
                    assertThat(ours[i]).as(label).isCloseTo(e, within(SKLEARN_RELATIVE * Math.abs(e)));
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(18 * 40);
    }

    /** log (1/(n h^d)) sum exp(-|q - t|^2 / 2h^2) / (2 pi)^(d/2), by log-sum-exp over every training point. */
    private static double bruteGaussian(double[][] train, double[] q, double h) {
        int d = q.length;
        double[] terms = new double[train.length];
        for (int i = 0; i < train.length; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double t = (q[k] - train[i][k]) / h;
                s += t * t;
            }
            terms[i] = -0.5 * s;
        }
        return io.genmod.math.LogSumExp.of(terms) - Math.log(train.length) - d * Math.log(h) - 0.5 * d * Math.log(2 * Math.PI);
    }

    @Test
    void exactEvaluationEqualsABruteForceSumAndApproximateOnesStayWithinTheirTolerance() {
        double[][] train = normal(4000, 2, 1);
        double[][] queries = normal(600, 2, 2);
        queries[0] = new double[] {30, -40};
        double h = 0.2;
        double[] exact = new KernelDensity(train, Kernel.GAUSSIAN, h, 0).logDensity(queries);
        for (int i = 0; i < queries.length; i++) {
            double b = bruteGaussian(train, queries[i], h);
            assertThat(exact[i]).isCloseTo(b, within(BRUTE_FORCE_RELATIVE * Math.abs(b)));
        }
        for (double rtol : new double[] {1e-2, 1e-3, 1e-6}) {
            for (Kernel kernel : Kernel.values()) {
                double[] ref = new KernelDensity(train, kernel, 0.3, 0).logDensity(queries);
                double[] approx = new KernelDensity(train, kernel, 0.3, rtol).logDensity(queries);
                for (int i = 0; i < ref.length; i++) {
                    if (ref[i] == Double.NEGATIVE_INFINITY) {
                        assertThat(approx[i]).isEqualTo(Double.NEGATIVE_INFINITY);
                    } else {
                        // density ratio within 1 +- rtol
                        assertThat(Math.abs(Math.expm1(approx[i] - ref[i]))).as(kernel + " rtol " + rtol)
                                .isLessThanOrEqualTo(rtol);
                    }
                }
            }
        }
    }

    @Test
    void onTheBenchmarkDataEveryApproximateDensityIsWithinItsToleranceOfTheExactOne() {
        // the data of bench/kde.sh: seed 42, 20,000 training points then 20,000 queries
        SplittableRandom random = new SplittableRandom(42);
        double[][] train = new double[20_000][];
        double[][] queries = new double[20_000][];
        for (int i = 0; i < train.length; i++) {
            train[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = new double[] {random.nextGaussian(), random.nextGaussian()};
        }
        double[] exact = new KernelDensity(train, Kernel.GAUSSIAN, 0.2, 0).logDensity(queries);
        double[] approx = new KernelDensity(train, Kernel.GAUSSIAN, 0.2, 1e-3).logDensity(queries);
        double worst = 0;
        for (int i = 0; i < exact.length; i++) {
            worst = Math.max(worst, Math.abs(Math.expm1(approx[i] - exact[i])));
        }
        assertThat(worst).isLessThanOrEqualTo(1e-3);
    }

    @Test
    void manyCoincidentPointsAndFarQueriesKeepFiniteLogDensities() {
        double[][] same = new double[1000][2];
        for (Kernel kernel : new Kernel[] {Kernel.GAUSSIAN, Kernel.EXPONENTIAL}) {
            double[] ld = new KernelDensity(same, kernel, 0.3, 0).logDensity(new double[][] {{0, 0}, {50, 50}});
            // all 1000 points at the origin: the density is one kernel's
            double norm = kernel.logNorm(0.3, 2);
            assertThat(ld[0]).isCloseTo(norm, within(BRUTE_FORCE_RELATIVE * Math.abs(norm)));
            double far = kernel.logValue(2 * 50 * 50 / 0.09) + norm;
            assertThat(ld[1]).isCloseTo(far, within(BRUTE_FORCE_RELATIVE * Math.abs(far)));
        }
    }

    @Test
    void samplesFollowTheEstimatedDensityForEveryKernel() {
        double[][] train = {{-1.0}, {0.0}, {0.3}, {2.0}, {2.5}};
        for (Kernel kernel : Kernel.values()) {
            KernelDensity kde = new KernelDensity(train, kernel, 0.7, 0);
            double[] s = Arrays.stream(kde.sample(20_000, new SplittableRandom(5))).mapToDouble(r -> r[0]).sorted().toArray();
            // CDF of the estimate by the trapezoid rule on a fine grid
            double lo = -12;
            double hi = 14;
            int steps = 52_000;
            double step = (hi - lo) / steps;
            double[][] grid = new double[steps + 1][1];
            for (int i = 0; i <= steps; i++) {
                grid[i][0] = lo + i * step;
            }
            double[] ld = kde.logDensity(grid);
            double cdf = 0;
            double ks = 0;
            int j = 0;
            for (int i = 1; i <= steps; i++) {
                cdf += 0.5 * step * (Math.exp(ld[i - 1]) + Math.exp(ld[i]));
                while (j < s.length && s[j] <= grid[i][0]) {
                    j++;
                }
                ks = Math.max(ks, Math.abs(cdf - (double) j / s.length));
            }
            // the trapezoid rule errs by up to step/2 times the jump at each edge of the tophat's support
            assertThat(cdf).as(kernel + " integrates to one").isCloseTo(1, within(QUADRATURE));
            assertThat(ks).as(kernel.id()).isLessThan(KS_TOLERANCE);
        }
    }

    @Test
    void radialOffsetsInTwoDimensionsHaveTheKernelsMeanSquaredRadius() {
        double[][] origin = {{0.0, 0.0}};
        for (Kernel kernel : Kernel.values()) {
            KernelDensity kde = new KernelDensity(origin, kernel, 1.0, 0);
            // E r^2 = int r^2 p(r) 2 pi r dr, p read from the density along a ray
            int steps = 40_000;
            double rMax = 40;
            double dr = rMax / steps;
            double[][] ray = new double[steps + 1][];
            for (int i = 0; i <= steps; i++) {
                ray[i] = new double[] {i * dr, 0};
            }
            double[] ld = kde.logDensity(ray);
            double expected = 0;
            double mass = 0;
            for (int i = 1; i <= steps; i++) {
                double r0 = (i - 1) * dr;
                double r1 = i * dr;
                mass += 0.5 * dr * 2 * Math.PI * (r0 * Math.exp(ld[i - 1]) + r1 * Math.exp(ld[i]));
                expected += 0.5 * dr * 2 * Math.PI * (r0 * r0 * r0 * Math.exp(ld[i - 1]) + r1 * r1 * r1 * Math.exp(ld[i]));
            }
            // the trapezoid rule errs by about dr at the jump of the tophat's edge
            assertThat(mass).as(kernel + " mass").isCloseTo(kernel == Kernel.COSINE ? SKLEARN_COSINE_MASS_2D : 1, within(2 * dr));
            expected /= mass;
            double[][] s = kde.sample(40_000, new SplittableRandom(8));
            double mean = Arrays.stream(s).mapToDouble(r -> r[0] * r[0] + r[1] * r[1]).average().orElseThrow();
            assertThat(mean).as(kernel.id()).isCloseTo(expected, within(0.03 * expected));
        }
    }

    @Test
    void bandwidthRulesFollowTheirFormulasAndCrossValidationBeatsExtremes() {
        double[][] x = normal(400, 2, 3);
        double sigma = KernelDensityFitter.pooledSigma(x);
        assertThat(KernelDensityFitter.scott(x)).isCloseTo(sigma * Math.pow(400, -1.0 / 6), within(1e-15));
        assertThat(KernelDensityFitter.silverman(x)).isCloseTo(sigma * Math.pow(400 * 4 / 4.0, -1.0 / 6), within(1e-15));
        // pooled sigma: the root mean of the per-column sample variances (ddof 1)
        double v0 = variance(x, 0);
        double v1 = variance(x, 1);
        assertThat(sigma).isCloseTo(Math.sqrt((v0 + v1) / 2), within(1e-14));
        double h = KernelDensityFitter.fit(x, new KernelDensityFitter.Options(Kernel.GAUSSIAN,
                KernelDensityFitter.Rule.CROSS_VALIDATION, Double.NaN, 0)).model().bandwidth();
        double scott = KernelDensityFitter.scott(x);
        assertThat(h).isBetween(scott / 10 * 0.999, scott * 10 * 1.001);
        // the chosen bandwidth's held-out likelihood is at least the grid ends'
        int[][] folds = io.genmod.selection.Folds.split(400, 5, new SplittableRandom(KernelDensityFitter.CV_SEED));
        double chosen = cv(x, h, folds);
        assertThat(chosen).isGreaterThanOrEqualTo(cv(x, scott / 10, folds)).isGreaterThanOrEqualTo(cv(x, scott * 10, folds));
    }

    private static double cv(double[][] x, double h, int[][] folds) {
        return io.genmod.selection.CrossValidation.score(x,
                t -> new io.genmod.core.Fit<>(new KernelDensity(t, Kernel.GAUSSIAN, h, 0), null), folds).meanLogLikelihood();
    }

    private static double variance(double[][] x, int k) {
        double mean = Arrays.stream(x).mapToDouble(r -> r[k]).average().orElseThrow();
        return Arrays.stream(x).mapToDouble(r -> (r[k] - mean) * (r[k] - mean)).sum() / (x.length - 1);
    }

    @Test
    void badBandwidthsAndDataWithoutSpreadAreRefused() {
        assertThatThrownBy(() -> new KernelDensityFitter.Options(Kernel.GAUSSIAN, KernelDensityFitter.Rule.FIXED, 0, 0))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("bandwidth");
        assertThatThrownBy(() -> new KernelDensityFitter.Options(Kernel.GAUSSIAN, KernelDensityFitter.Rule.FIXED, -1, 0))
                .isInstanceOf(InvalidParameterException.class);
        double[][] constant = {{1.0}, {1.0}, {1.0}};
        assertThatThrownBy(() -> KernelDensityFitter.fit(constant, new KernelDensityFitter.Options(Kernel.GAUSSIAN,
                KernelDensityFitter.Rule.SCOTT, Double.NaN, 0))).isInstanceOf(UnfittableDataException.class);
    }

    @Test
    void sklearnNormalisingConstantsHaveTheirClosedFormsInOneDimension() {
        // int K = 1: gaussian sqrt(2 pi) h, tophat 2h, epanechnikov 4h/3, exponential 2h, linear h, cosine 4h/pi
        double h = 0.5;
        assertThat(Kernel.GAUSSIAN.logNorm(h, 1)).isCloseTo(-Math.log(Math.sqrt(2 * Math.PI) * h), within(1e-15));
        assertThat(Kernel.TOPHAT.logNorm(h, 1)).isCloseTo(-Math.log(2 * h), within(1e-15));
        assertThat(Kernel.EPANECHNIKOV.logNorm(h, 1)).isCloseTo(-Math.log(4 * h / 3), within(1e-15));
        assertThat(Kernel.EXPONENTIAL.logNorm(h, 1)).isCloseTo(-Math.log(2 * h), within(1e-15));
        assertThat(Kernel.LINEAR.logNorm(h, 1)).isCloseTo(-Math.log(h), within(1e-15));
        assertThat(Kernel.COSINE.logNorm(h, 1)).isCloseTo(-Math.log(4 * h / Math.PI), within(1e-15));
    }
    /**
     * Values whose squares overflow, or underflow, still give the rules their spread: Scott's rule for {1, 2, 4}
     * times a scale is the scale times sqrt(7/3) 3^(-1/5) (the sample standard deviation, ddof 1, is sqrt(7/3)).
     */
    @Test
    void rulesScaleWithDataNearTheLimitsOfDouble() {
        double unit = Math.sqrt(7.0 / 3) * Math.pow(3, -1.0 / 5);
        for (double scale : new double[] {1e300, 1e-300}) {
            double[][] x = {{scale}, {2 * scale}, {4 * scale}};
            double expected = unit * scale;
            assertThat(KernelDensityFitter.scott(x)).as("scale %s", scale).isCloseTo(expected, within(expected * 1e-14));
            assertThat(KernelDensityFitter.fit(x, new KernelDensityFitter.Options(Kernel.GAUSSIAN,
                    KernelDensityFitter.Rule.SCOTT, 0, 0)).model().bandwidth()).isCloseTo(expected, within(expected * 1e-14));
        }
    }
}
