package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties of fitted mixtures: monotone EM, normalised densities, faithful sampling, degenerate data. */
class MixturePropertiesTest {

    /** EM may lose this much per iteration to rounding, no more. */
    private static final double MONOTONE_SLACK = 1e-12;
    /** Quadrature error of the grids below for these smooth densities. */
    private static final double INTEGRAL_TOLERANCE = 1e-6;
    private static final double INTEGRAL_TOLERANCE_2D = 1e-4;
    private static final int SAMPLES = 200_000;
    /** About five standard errors of a sample moment of SAMPLES draws with unit-scale variance. */
    private static final double MOMENT_TOLERANCE = 0.05;

    private static double[][] clusters(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int a = 0; a < d; a++) {
                x[i][a] = 3 * c * (a % 2 == 0 ? 1 : -1) + (1 + 0.3 * a) * random.nextGaussian() + 0.4 * (a > 0 ? x[i][a - 1] : 0);
            }
        }
        return x;
    }

    private static MixtureOptions options(int k, CovarianceType type, Initialisation init, int maxIterations, double reg) {
        return new MixtureOptions(k, type, init, 1, maxIterations, 1e-8, reg, 5L, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void traceNeverDecreasesFromAnyInitialisation(CovarianceType type) {
        double[][] x = clusters(600, 3, 1);
        for (Initialisation init : new Initialisation[] {Initialisation.KMEANS_PLUS_PLUS, Initialisation.RANDOM,
                Initialisation.RANDOM_FROM_DATA}) {
            Fit<GaussianMixture> fit = new EmFitter(options(4, type, init, 200, 1e-6)).fit(x);
            double[] trace = fit.diagnostics().trace();
            assertThat(trace).hasSize(fit.diagnostics().iterations() + 1);
            for (int i = 1; i < trace.length; i++) {
                assertThat(trace[i]).as(type + " " + init + " step " + i).isGreaterThanOrEqualTo(trace[i - 1] - MONOTONE_SLACK);
            }
            double mean = 0;
            for (double v : fit.model().logDensity(x)) {
                mean += v / x.length;
            }
            assertThat(trace[trace.length - 1]).isCloseTo(mean, within(1e-12));
            assertThat(fit.diagnostics().meanLogLikelihood()).isEqualTo(trace[trace.length - 1]);
        }
    }

    @Test
    void logDensityIntegratesToOneInOneDimension() {
        GaussianMixture m = GaussianMixture.of(CovarianceType.FULL, new double[] {0.3, 0.7},
                new double[][] {{-2}, {1.5}}, new double[][][] {{{0.25}}, {{2.0}}});
        int points = 20_001;
        double lo = -15;
        double hi = 15;
        double h = (hi - lo) / (points - 1);
        double[][] grid = new double[points][1];
        for (int i = 0; i < points; i++) {
            grid[i][0] = lo + i * h;
        }
        double[] log = m.logDensity(grid);
        double sum = 0;
        for (int i = 0; i < points; i++) {
            double weight = i == 0 || i == points - 1 ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * Math.exp(log[i]);
        }
        assertThat(sum * h / 3).isCloseTo(1.0, within(INTEGRAL_TOLERANCE));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void fittedLogDensityIntegratesToOneInTwoDimensions(CovarianceType type) {
        double[][] x = clusters(400, 2, 2);
        GaussianMixture m = new EmFitter(options(3, type, Initialisation.KMEANS_PLUS_PLUS, 100, 1e-6)).fit(x).model();
        int points = 601;
        double lo = -30;
        double hi = 30;
        double h = (hi - lo) / (points - 1);
        double[][] grid = new double[points * points][];
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < points; j++) {
                grid[i * points + j] = new double[] {lo + i * h, lo + j * h};
            }
        }
        double[] log = m.logDensity(grid);
        double sum = 0;
        for (double v : log) {
            sum += Math.exp(v);
        }
        assertThat(sum * h * h).isCloseTo(1.0, within(INTEGRAL_TOLERANCE_2D));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void samplesReproduceTheMixtureMeanAndCovariance(CovarianceType type) {
        GaussianMixture m = new EmFitter(options(3, type, Initialisation.KMEANS_PLUS_PLUS, 50, 1e-6))
                .fit(clusters(300, 3, 3)).model();
        int d = m.dimension();
        double[] w = m.weights();
        double[][] mu = m.means();
        double[][][] s = m.covariances();
        double[] mean = new double[d];
        double[][] second = new double[d][d];
        for (int j = 0; j < w.length; j++) {
            for (int a = 0; a < d; a++) {
                mean[a] += w[j] * mu[j][a];
                for (int b = 0; b < d; b++) {
                    second[a][b] += w[j] * (s[j][a][b] + mu[j][a] * mu[j][b]);
                }
            }
        }
        double[][] draws = m.sample(SAMPLES, new SplittableRandom(4));
        double[] sampleMean = new double[d];
        for (double[] row : draws) {
            for (int a = 0; a < d; a++) {
                sampleMean[a] += row[a] / SAMPLES;
            }
        }
        double[][] sampleCov = new double[d][d];
        for (double[] row : draws) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    sampleCov[a][b] += (row[a] - sampleMean[a]) * (row[b] - sampleMean[b]) / (SAMPLES - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            double scale = Math.sqrt(second[a][a] - mean[a] * mean[a]);
            assertThat(sampleMean[a]).isCloseTo(mean[a], within(MOMENT_TOLERANCE * scale));
            for (int b = 0; b < d; b++) {
                double expected = second[a][b] - mean[a] * mean[b];
                double scaleB = Math.sqrt(second[b][b] - mean[b] * mean[b]);
                assertThat(sampleCov[a][b]).isCloseTo(expected, within(MOMENT_TOLERANCE * scale * scaleB));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void duplicatePointsFitThanksToRegularization(CovarianceType type) {
        double[][] x = new double[50][];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < 25 ? new double[] {1, 2} : new double[] {4, -1};
        }
        GaussianMixture m = new EmFitter(options(2, type, Initialisation.KMEANS_PLUS_PLUS, 100, 1e-6)).fit(x).model();
        double[][] means = m.means();
        assertThat(Math.min(Math.abs(means[0][0] - 1), Math.abs(means[1][0] - 1))).isLessThan(1e-9);
        assertThat(m.logDensity(new double[][] {{1, 2}})[0]).isFinite();
    }

    @Test
    void constantColumnWithoutRegularizationIsUnfittable() {
        double[][] x = clusters(100, 2, 5);
        for (double[] row : x) {
            row[1] = 7;
        }
        for (CovarianceType type : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAG, CovarianceType.TIED}) {
            assertThatThrownBy(() -> new EmFitter(options(2, type, Initialisation.KMEANS_PLUS_PLUS, 10, 0)).fit(x))
                    .isInstanceOf(UnfittableDataException.class)
                    .satisfies(e -> assertThat(((UnfittableDataException) e).field()).isEqualTo("params.regularization"))
                    .hasMessageContaining("regularization");
        }
        assertThat(new EmFitter(options(2, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 10, 1e-6)).fit(x)
                .model().covariances()[0][1][1]).isGreaterThan(0);
    }

    @Test
    void fewerRowsThanComponentsIsUnfittable() {
        double[][] x = clusters(3, 2, 6);
        assertThatThrownBy(() -> new EmFitter(options(4, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 10, 1e-6)).fit(x))
                .isInstanceOf(UnfittableDataException.class)
                .satisfies(e -> assertThat(((UnfittableDataException) e).field()).isEqualTo("params.components"));
    }

    @Test
    void restartsKeepTheBestStartAndTheSameSeedRepeats() {
        double[][] x = clusters(300, 2, 7);
        MixtureOptions one = new MixtureOptions(6, CovarianceType.FULL, Initialisation.RANDOM, 1, 100, 1e-6, 1e-6, 9L, null, null, null);
        MixtureOptions five = new MixtureOptions(6, CovarianceType.FULL, Initialisation.RANDOM, 5, 100, 1e-6, 1e-6, 9L, null, null, null);
        double single = new EmFitter(one).fit(x).diagnostics().logLikelihood();
        Fit<GaussianMixture> best = new EmFitter(five).fit(x);
        assertThat(best.diagnostics().logLikelihood()).isGreaterThanOrEqualTo(single);
        assertThat(new EmFitter(five).fit(x).model().means()).isDeepEqualTo(best.model().means());
    }

    @Test
    void givenMeansAloneEstimateWeightsAndCovariancesFromNearestMeans() {
        double[][] x = clusters(300, 2, 8);
        MixtureOptions o = new MixtureOptions(3, CovarianceType.DIAG, Initialisation.GIVEN, 1, 0, 1e-3, 1e-6, null,
                null, new double[][] {{0, 0}, {3, -3}, {6, -6}}, null);
        Fit<GaussianMixture> fit = new EmFitter(o).fit(x);
        assertThat(fit.diagnostics().iterations()).isZero();
        assertThat(fit.model().means()[1]).containsExactly(3, -3);
        for (double w : fit.model().weights()) {
            assertThat(w).isGreaterThan(0.2);
        }
        assertThat(fit.diagnostics().trace()).hasSize(1);
    }

    @Test
    void givenValuesOfTheWrongShapeNameTheirField() {
        double[][] x = clusters(30, 2, 9);
        MixtureOptions wrongWidth = new MixtureOptions(1, CovarianceType.FULL, Initialisation.GIVEN, 1, 5, 1e-3, 1e-6, null,
                null, new double[][] {{0, 0, 0}}, null);
        assertThatThrownBy(() -> new EmFitter(wrongWidth).fit(x)).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).field()).isEqualTo("initialMeans[0]"));
        MixtureOptions notPositive = new MixtureOptions(1, CovarianceType.FULL, Initialisation.GIVEN, 1, 5, 1e-3, 1e-6, null,
                new double[] {1}, new double[][] {{0, 0}}, new double[][][] {{{1, 2}, {2, 1}}});
        assertThatThrownBy(() -> new EmFitter(notPositive).fit(x)).isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).field()).isEqualTo("initialCovariances"));
    }

    @Test
    void optionsRejectEveryOutOfRangeValue() {
        assertThatThrownBy(() -> new MixtureOptions(0, CovarianceType.FULL, Initialisation.RANDOM, 1, 1, 1e-3, 0, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new MixtureOptions(1, CovarianceType.FULL, Initialisation.RANDOM, 0, 1, 1e-3, 0, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new MixtureOptions(1, CovarianceType.FULL, Initialisation.RANDOM, 1, -1, 1e-3, 0, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new MixtureOptions(1, CovarianceType.FULL, Initialisation.RANDOM, 1, 1, 0, 0, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new MixtureOptions(1, CovarianceType.FULL, Initialisation.RANDOM, 1, 1, 1e-3, -1, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> new MixtureOptions(1, CovarianceType.FULL, Initialisation.GIVEN, 1, 1, 1e-3, 0, null, null, null, null))
                .isInstanceOf(InvalidParameterException.class)
                .satisfies(e -> assertThat(((InvalidParameterException) e).field()).isEqualTo("initialMeans"));
    }
    /**
     * Far along a direction every Mahalanobis distance overflows; the posterior's limit there belongs to the
     * component that is widest along it: (1e200, 1e200) lies at scaled distances 2 / 4 and 2 / 1 from the
     * components of variances 4 and 1, so all of it goes to the first. Near the data the same rows get the
     * ordinary posterior, and a point on the axis between equal components splits by weight.
     */
    @Test
    void responsibilitiesFarFromEveryComponentAreTheirLimit() {
        double[][][] cov = {{{4, 0}, {0, 4}}, {{1, 0}, {0, 1}}};
        GaussianMixture m = GaussianMixture.of(CovarianceType.FULL, new double[] {0.2, 0.8},
                new double[][] {{0, 0}, {1, 1}}, cov);
        double[][] r = m.responsibilities(new double[][] {{1e200, 1e200}, {-1e200, 3e199}, {0.5, 0.5}});
        assertThat(r[0]).containsExactly(1.0, 0.0);
        assertThat(r[1]).containsExactly(1.0, 0.0);
        assertThat(r[2][0] + r[2][1]).isCloseTo(1.0, within(1e-15));
        assertThat(r[2][1]).isGreaterThan(0.5);
        GaussianMixture equal = GaussianMixture.of(CovarianceType.FULL, new double[] {0.25, 0.75},
                new double[][] {{0, 0}, {0, 0}}, new double[][][] {cov[1], cov[1]});
        assertThat(equal.responsibilities(new double[][] {{1e200, 0}})[0]).containsExactly(
                new double[] {0.25, 0.75}, within(1e-15));
    }
    /**
     * Two identical components share every point by weight, however far it lies: the distances tie exactly, so
     * the weights must not be lost next to log-densities of -5e13 and below (exp(l - logsumexp) gave
     * 0.2489 / 0.7490 at 1e7 and 1 / 1 from 1e9 on).
     */
    @Test
    void identicalComponentsShareFarPointsByWeight() {
        double[][] identity = {{1, 0}, {0, 1}};
        GaussianMixture m = GaussianMixture.of(CovarianceType.FULL, new double[] {0.25, 0.75},
                new double[][] {{0, 0}, {0, 0}}, new double[][][] {identity, identity});
        double[][] r = m.responsibilities(new double[][] {{1e7, 0}, {1e8, 0}, {1e9, 0}, {1e150, 0}, {1e200, 0}});
        for (double[] row : r) {
            assertThat(row).containsExactly(new double[] {0.25, 0.75}, within(1e-15));
        }
    }

    /**
     * Equal covariances with different means (as tied covariances always are): along (t, t) the component whose
     * mean is (1, 1) wins by a margin that grows like t, also where its scaled distances tie with the other's in
     * floating point (t of 1e154 and more), where the limit is decided by the term linear in t.
     */
    @Test
    void equalCovariancesWithDifferentMeansKeepTheLinearTermFarAway() {
        double[][] identity = {{1, 0}, {0, 1}};
        GaussianMixture m = GaussianMixture.of(CovarianceType.TIED, new double[] {0.2, 0.8},
                new double[][] {{1, 1}, {0, 0}}, new double[][][] {identity, identity});
        double[][] r = m.responsibilities(new double[][] {{1e10, 1e10}, {1e154, 1e154}, {1e200, 1e200},
                {-1e200, -1e200}});
        assertThat(r[0]).containsExactly(1.0, 0.0);
        // from about 1e8 standard deviations q_j and q_b alone round the linear term away; the shared factor's
        // difference of squares keeps it: log-odds of 2e17 and -2e17, not the weights
        double[][] mid = m.responsibilities(new double[][] {{1e17, 1e17}, {-1e17, -1e17}, {1e100, 1e100}});
        assertThat(mid[0]).containsExactly(1.0, 0.0);
        assertThat(mid[1]).containsExactly(0.0, 1.0);
        assertThat(mid[2]).containsExactly(1.0, 0.0);
        // and near the data the shared-factor form agrees with the plain one: log-odds (x - 1/2) . (1, 1) + log(1/4)
        double[] near = m.responsibilities(new double[][] {{0.3, 0.6}})[0];
        double odds = Math.exp((0.3 - 0.5) + (0.6 - 0.5) + Math.log(0.2 / 0.8));
        assertThat(near[0]).isCloseTo(odds / (1 + odds), within(1e-14));
        assertThat(r[1]).containsExactly(1.0, 0.0);
        assertThat(r[2]).containsExactly(1.0, 0.0);
        assertThat(r[3]).containsExactly(0.0, 1.0);
    }
    /** Values whose squared distances overflow are refused naming x, by every fitter, before any seeding. */
    @Test
    void valuesWhoseSquaredDistancesOverflowAreRefusedNamingX() {
        double[][] x = {{1e300}, {0}, {1}, {2}};
        MixtureOptions options = new MixtureOptions(2, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 1, 10,
                1e-3, 1e-6, 1L, null, null, null);
        assertThatThrownBy(() -> new EmFitter(options).fit(x))
                .isInstanceOfSatisfying(UnfittableDataException.class, e -> assertThat(e.field()).isEqualTo("x"))
                .hasMessageContaining("rescale");
        assertThatThrownBy(() -> new GradientFitter(options, GradientOptions.defaults()).fit(x))
                .isInstanceOfSatisfying(UnfittableDataException.class, e -> assertThat(e.field()).isEqualTo("x"));
    }

    /** A diagonal factor's zeros must not turn an overflowed coordinate into NaN: the far limit still sums to 1. */
    @Test
    void diagonalMixturesAnswerPointsWhoseCoordinatesOverflow() {
        GaussianMixture m = GaussianMixture.of(CovarianceType.DIAG, new double[] {0.5, 0.5},
                new double[][] {{0, 0}, {5, 5}}, new double[][][] {{{0.04, 0}, {0, 0.04}}, {{0.09, 0}, {0, 0.09}}});
        double[] r = m.responsibilities(new double[][] {{1e308, 1e308}})[0];
        assertThat(r).containsExactly(0.0, 1.0);
    }
}
