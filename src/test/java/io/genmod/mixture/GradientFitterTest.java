package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class GradientFitterTest {

    /** Relative agreement of the analytic gradient with central finite differences. */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-6;
    private static final double STEP = 1e-5;
    /** Two blocked passes over the same rows differ by rounding (and the skipping of r < 1e-15). */
    private static final double PASS_AGREEMENT = 1e-10;
    /** The enumeration is exact: only round-off separates the expectation from the exact gradient. */
    private static final double ENUMERATION_TOLERANCE = 1e-12;
    private static final long SEED = 20261125L;
    /** Both fitters run to a change below this per iteration. */
    private static final double EM_TOLERANCE = 1e-10;
    /** Agreement of the gradient fitter's final mean log-likelihood with EM's. */
    private static final double EM_AGREEMENT = 1e-3;

    static GaussianMixture truth(CovarianceType type) {
        double[][] means = {{0, 0}, {4, 1}, {-2, 5}};
        double[][][] cov = switch (type) {
            case FULL -> new double[][][] {{{1, 0.3}, {0.3, 0.5}}, {{0.6, -0.2}, {-0.2, 1.2}}, {{2, 0.5}, {0.5, 1}}};
            case TIED -> new double[][][] {{{1, 0.3}, {0.3, 0.8}}, {{1, 0.3}, {0.3, 0.8}}, {{1, 0.3}, {0.3, 0.8}}};
            case DIAG -> new double[][][] {{{1, 0}, {0, 0.5}}, {{0.6, 0}, {0, 1.2}}, {{2, 0}, {0, 1}}};
            case SPHERICAL -> new double[][][] {{{1, 0}, {0, 1}}, {{0.6, 0}, {0, 0.6}}, {{2, 0}, {0, 2}}};
        };
        return GaussianMixture.of(type, new double[] {0.5, 0.3, 0.2}, means, cov);
    }

    static double[][] data(CovarianceType type, int n, long seed) {
        return truth(type).sample(n, new SplittableRandom(seed));
    }

    /** A parameter point away from the truth: perturbed logits, means and covariance parameters. */
    private static double[] perturbed(UnconstrainedParameters param, GaussianMixture m, long seed) {
        double[] theta = param.encode(m);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.3 * random.nextGaussian();
        }
        return theta;
    }

    private static double meanLogLikelihood(UnconstrainedParameters param, double[] theta, double[][] x) {
        return param.kernel(theta).logLikelihood(x) / x.length;
    }

    /** The production path: statistics from EM's blocked pass at the decoded mixture. */
    private static double[] exactGradient(UnconstrainedParameters param, double[] theta, double[][] x) {
        CovarianceType type = param.type;
        GaussianMixture at = param.decode(theta);
        ComponentStatistics stats = ComponentStatistics.of(new EmEngine(x, type, 0).pass(at), type, at.means(),
                ComponentStatistics.DataScatter.of(x));
        double[] g = new double[param.size()];
        param.gradient(theta, param.kernel(theta), stats, x.length, g);
        return g;
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void exactGradientMatchesCentralFiniteDifferences(CovarianceType type) {
        double[][] x = data(type, 400, SEED);
        UnconstrainedParameters param = new UnconstrainedParameters(type, 3, 2);
        double[] theta = perturbed(param, truth(type), SEED + 1);
        double[] g = exactGradient(param, theta, x);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += STEP;
            minus[i] -= STEP;
            double fd = (meanLogLikelihood(param, plus, x) - meanLogLikelihood(param, minus, x)) / (2 * STEP);
            diff += (fd - g[i]) * (fd - g[i]);
            norm += g[i] * g[i];
        }
        assertThat(norm).isGreaterThan(1e-4);
        assertThat(Math.sqrt(diff / norm)).isLessThan(FINITE_DIFFERENCE_TOLERANCE);
    }

    /** The mini-batch pass against EM's blocked pass over the same rows, batches of 300 (not a multiple of a block). */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void batchPassAgreesWithEmPassOnEveryBatch(CovarianceType type) {
        int n = 1000;
        int batch = 300;
        double[][] x = data(type, n, SEED + 10);
        UnconstrainedParameters param = new UnconstrainedParameters(type, 3, 2);
        double[] theta = perturbed(param, truth(type), SEED + 11);
        BatchPass pass = new BatchPass(x, type, 3, batch);
        pass.shuffle(new SplittableRandom(SEED + 12));
        assertThat(pass.batches()).isEqualTo(4);
        for (int b = 0; b < pass.batches(); b++) {
            int size = Math.min(batch, n - b * batch);
            assertThat(pass.batchSize(b)).isEqualTo(size);
            double[][] rows = new double[size][];
            for (int i = 0; i < size; i++) {
                rows[i] = x[pass.row(b * batch + i)];
            }
            GaussianMixture at = param.decode(theta);
            ComponentStatistics expected = ComponentStatistics.of(new EmEngine(rows, type, 0).pass(at), type, at.means(),
                    ComponentStatistics.DataScatter.of(rows));
            ComponentStatistics actual = pass.pass(b, param.kernel(theta));
            if (type == CovarianceType.TIED) {
                // only the sum over components of the second moments is defined for tied statistics
                for (int j = 1; j < 3; j++) {
                    for (int i = 0; i < actual.s2[j].length; i++) {
                        actual.s2[0][i] += actual.s2[j][i];
                        actual.s2[j][i] = 0;
                    }
                }
            }
            assertThat(actual.logLikelihood).isCloseTo(expected.logLikelihood,
                    org.assertj.core.data.Offset.offset(PASS_AGREEMENT * Math.abs(expected.logLikelihood)));
            for (int j = 0; j < 3; j++) {
                assertThat(actual.n[j]).isCloseTo(expected.n[j], org.assertj.core.data.Offset.offset(PASS_AGREEMENT * size));
                for (int i = 0; i < expected.s1[j].length; i++) {
                    assertThat(actual.s1[j][i]).isCloseTo(expected.s1[j][i], org.assertj.core.data.Offset.offset(PASS_AGREEMENT * size));
                }
                for (int i = 0; i < expected.s2[j].length; i++) {
                    assertThat(actual.s2[j][i]).isCloseTo(expected.s2[j][i], org.assertj.core.data.Offset.offset(PASS_AGREEMENT * size));
                }
            }
        }
    }

    /**
     * With one draw per point the joint draw over T = 4 points takes k^T = 81 values; the expectation of
     * the estimator is the probability-weighted sum over all of them, which must equal the exact gradient.
     */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void monteCarloEstimatorIsUnbiasedOverAllAssignments(CovarianceType type) {
        int t = 4;
        int k = 3;
        double[][] x = data(type, t, SEED + 2);
        UnconstrainedParameters param = new UnconstrainedParameters(type, k, 2);
        double[] theta = perturbed(param, truth(type), SEED + 3);
        double[] logWeights = param.logWeights(theta);
        MixtureKernel kernel = param.kernel(theta);
        double[] expectation = new double[param.size()];
        double[] g = new double[param.size()];
        double totalProbability = 0;
        int assignments = (int) Math.pow(k, t);
        for (int code = 0; code < assignments; code++) {
            double[][] counts = new double[t][k];
            double probability = 1;
            int rest = code;
            for (int p = 0; p < t; p++) {
                int z = rest % k;
                rest /= k;
                counts[p][z] = 1;
                probability *= Math.exp(logWeights[z]);
            }
            ComponentStatistics stats = kernel.pass(MixtureKernel.flatten(x), 0, t, MixtureKernel.Weighting.MONTE_CARLO, counts,
                    logWeights, 1, 0);
            param.gradient(theta, kernel, stats, t, g);
            for (int i = 0; i < g.length; i++) {
                expectation[i] += probability * g[i];
            }
            totalProbability += probability;
        }
        assertThat(totalProbability).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        double[] exact = exactGradient(param, theta, x);
        for (int i = 0; i < exact.length; i++) {
            assertThat(expectation[i]).as("component %d", i)
                    .isCloseTo(exact[i], org.assertj.core.data.Offset.offset(ENUMERATION_TOLERANCE * (1 + Math.abs(exact[i]))));
        }
    }

    /** The sampler itself: the average of many seeded estimates lies within 5 standard errors of the exact gradient. */
    @Test
    void monteCarloSamplerAveragesToTheExactGradient() {
        CovarianceType type = CovarianceType.FULL;
        double[][] x = data(type, 50, SEED + 4);
        UnconstrainedParameters param = new UnconstrainedParameters(type, 3, 2);
        double[] theta = perturbed(param, truth(type), SEED + 5);
        MixtureKernel kernel = param.kernel(theta);
        int repeats = 4000;
        double[] sum = new double[param.size()];
        double[] sumSquares = new double[param.size()];
        double[] g = new double[param.size()];
        SplittableRandom seeds = new SplittableRandom(SEED + 6);
        for (int r = 0; r < repeats; r++) {
            ComponentStatistics stats = kernel.pass(MixtureKernel.flatten(x), 0, x.length, MixtureKernel.Weighting.MONTE_CARLO, null,
                    param.logWeights(theta), 3, seeds.nextLong());
            param.gradient(theta, kernel, stats, x.length, g);
            for (int i = 0; i < g.length; i++) {
                sum[i] += g[i];
                sumSquares[i] += g[i] * g[i];
            }
        }
        double[] exact = exactGradient(param, theta, x);
        for (int i = 0; i < exact.length; i++) {
            double mean = sum[i] / repeats;
            double sd = Math.sqrt(Math.max(0, sumSquares[i] / repeats - mean * mean));
            assertThat(Math.abs(mean - exact[i])).as("parameter %d", i).isLessThanOrEqualTo(5 * sd / Math.sqrt(repeats) + 1e-12);
        }
    }

    private static MixtureOptions common(CovarianceType type, int maxIterations, double tolerance) {
        return new MixtureOptions(3, type, Initialisation.KMEANS_PLUS_PLUS, 1, maxIterations, tolerance, 0, SEED,
                null, null, null);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void ascentIncreasesTheLikelihoodAndReturnsAValidMixture(CovarianceType type) {
        double[][] x = data(type, 600, SEED + 7);
        GaussianMixture start = GaussianMixture.of(type, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
                new double[][] {{1, 1}, {3, 0}, {-1, 4}}, truth(type).covariances());
        GradientOptions options = new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT,
                0.05, 128, 1);
        Fit<GaussianMixture> fit = new GradientFitter(common(type, 60, 1e-12), options).fit(x, start, SEED);
        double[] trace = fit.diagnostics().trace();
        assertThat(trace).hasSize(fit.diagnostics().iterations() + 1);
        assertThat(trace[trace.length - 1]).isGreaterThan(trace[0] + 0.1);
        double[] direct = fit.model().logDensity(x);
        double mean = java.util.Arrays.stream(direct).average().orElseThrow();
        assertThat(fit.diagnostics().meanLogLikelihood()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** Mini-batch passes run in parallel tasks; the same seed must give the same bits. */
    @Test
    void miniBatchFitIsBitForBitRepeatable() {
        CovarianceType type = CovarianceType.FULL;
        double[][] x = data(type, 3000, SEED + 13);
        GradientOptions options = new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT,
                0.05, 256, 1);
        Fit<GaussianMixture> first = new GradientFitter(common(type, 5, 1e-12), options).fit(x, truth(type), SEED);
        Fit<GaussianMixture> second = new GradientFitter(common(type, 5, 1e-12), options).fit(x, truth(type), SEED);
        assertThat(second.diagnostics().trace()).containsExactly(first.diagnostics().trace());
        for (int j = 0; j < 3; j++) {
            assertThat(second.model().means()[j]).containsExactly(first.model().means()[j]);
        }
    }

    /**
     * Mini-batch epochs run on a team of threads (batches of 1100 rows: five tasks, then four for the last
     * batch of 800); with 1 to 4 threads they give the bits of the one-thread sequence written out here: the
     * batch's pass, the gradient, Adam (Kingma and Ba 2015, Algorithm 1) on every entry, the kernel at the new
     * parameters.
     */
    @ParameterizedTest
    @EnumSource(value = CovarianceType.class, names = {"FULL", "DIAG", "SPHERICAL"})
    void miniBatchTeamGivesTheBitsOfTheSequentialSteps(CovarianceType type) {
        double[][] x = data(type, 3000, SEED + 17);
        int batch = 1100;
        int epochs = 3;
        double rate = 0.05;
        GradientOptions options = new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT,
                rate, batch, 1);
        // the fitter steps in standardised units: the same steps, written out, on the standardised rows
        Standardisation units = Standardisation.of(x, type);
        UnconstrainedParameters param = new UnconstrainedParameters(type, 3, 2);
        double[] theta = param.encode(units.apply(truth(type)));
        double[] g = new double[theta.length];
        double[] m = new double[theta.length];
        double[] v = new double[theta.length];
        BatchPass pass = new BatchPass(units.apply(x), type, 3, batch);
        SplittableRandom random = new SplittableRandom(SEED);
        MixtureKernel kernel = param.kernel(theta);
        pass.logLikelihood(kernel);
        double[] progressive = new double[epochs + 1];
        int t = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            pass.shuffle(random);
            for (int b = 0; b < pass.batches(); b++) {
                ComponentStatistics stats = pass.pass(b, kernel);
                progressive[epoch] += stats.logLikelihood;
                param.gradient(theta, kernel, stats, pass.batchSize(b), g);
                t++;
                double c1 = 1 - Math.pow(0.9, t);
                double c2 = 1 - Math.pow(0.999, t);
                for (int i = 0; i < theta.length; i++) {
                    m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
                    v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i];
                    theta[i] += rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
                }
                kernel = param.kernel(theta);
            }
        }
        GaussianMixture expected = units.restore(param.decode(theta));
        for (int threads = 1; threads <= 4; threads++) {
            Fit<GaussianMixture> fit = new GradientFitter(common(type, epochs, Double.MIN_VALUE), options, threads)
                    .fit(x, truth(type), SEED);
            double[] trace = fit.diagnostics().trace();
            assertThat(trace).hasSize(epochs + 1);
            for (int epoch = 1; epoch < epochs; epoch++) {
                assertThat(trace[epoch]).isEqualTo(progressive[epoch] / x.length + units.logJacobian());
            }
            assertThat(fit.model().weights()).containsExactly(expected.weights());
            for (int j = 0; j < 3; j++) {
                assertThat(fit.model().means()[j]).containsExactly(expected.means()[j]);
                for (int a = 0; a < 2; a++) {
                    assertThat(fit.model().covariances()[j][a]).containsExactly(expected.covariances()[j][a]);
                }
            }
        }
    }

    /** Exact-gradient Adam from EM's own starting point reaches EM's maximum of the mean log-likelihood. */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void exactGradientReachesTheMeanLogLikelihoodOfEm(CovarianceType type) {
        double[][] x = data(type, 600, SEED + 9);
        MixtureOptions init = new MixtureOptions(3, type, Initialisation.RANDOM_FROM_DATA, 1, 0, 1e-3, 0, SEED,
                null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, init, new SplittableRandom(SEED));
        MixtureOptions em = new MixtureOptions(3, type, Initialisation.GIVEN, 1, 5000, EM_TOLERANCE, 0, SEED,
                start.weights(), start.means(), start.covariances());
        double emMean = new EmFitter(em).fit(x).diagnostics().meanLogLikelihood();
        Fit<GaussianMixture> fit = new GradientFitter(common(type, 5000, EM_TOLERANCE), GradientOptions.defaults())
                .fit(x, start, SEED);
        assertThat(fit.diagnostics().meanLogLikelihood()).isCloseTo(emMean, org.assertj.core.data.Offset.offset(EM_AGREEMENT));
    }

    @Test
    void divergenceIsReportedAsUnfittableNamingTheLearningRate() {
        double[][] x = data(CovarianceType.FULL, 200, SEED + 8);
        GradientOptions options = new GradientOptions(GradientOptions.Optimizer.SGD, GradientOptions.Estimator.EXACT,
                1e6, null, 1);
        assertThatThrownBy(() -> new GradientFitter(common(CovarianceType.FULL, 50, 1e-12), options)
                .fit(x, truth(CovarianceType.FULL), SEED))
                .isInstanceOf(UnfittableDataException.class)
                .hasMessageContaining("learningRate")
                .satisfies(e -> assertThat(((UnfittableDataException) e).field()).isEqualTo("params.learningRate"));
    }

    @Test
    void optionsRejectOutOfRangeValuesNamingTheField() {
        assertThatThrownBy(() -> new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT, 0, null, 1))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("learningRate");
        assertThatThrownBy(() -> new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT, -1, null, 1))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("learningRate");
        assertThatThrownBy(() -> new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.MONTE_CARLO, 0.1, null, 0))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("samples");
        assertThatThrownBy(() -> new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT, 0.1, 0, 1))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("batchSize");
        assertThatThrownBy(() -> GradientOptions.Optimizer.of("rmsprop"))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("optimizer");
    }
    /**
     * The same data in other units (times 1e-3 and 1e6) gives the same fit in those units: means times c,
     * covariances times c^2, the mean log-likelihood less d log c, because the steps are taken in standardised
     * units (before, at 1e-3 Adam's fixed step of 0.05 threw a mean 50 data-widths away and ended far below
     * its start).
     */
    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void theFitDoesNotDependOnTheUnitsOfTheData(CovarianceType type) {
        double[][] x = data(type, 600, SEED + 23);
        GradientOptions options = new GradientOptions(GradientOptions.Optimizer.ADAM, GradientOptions.Estimator.EXACT,
                0.05, 128, 1);
        Fit<GaussianMixture> unit = new GradientFitter(common(type, 20, Double.MIN_VALUE), options, 1)
                .fit(x, truth(type), SEED);
        for (double c : new double[] {1e-3, 1e6}) {
            double[][] scaled = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                scaled[i] = new double[] {c * x[i][0], c * x[i][1]};
            }
            GaussianMixture t = truth(type);
            double[][] means = t.means();
            double[][][] cov = t.covariances();
            for (int j = 0; j < 3; j++) {
                for (int a = 0; a < 2; a++) {
                    means[j][a] *= c;
                    for (int b = 0; b < 2; b++) {
                        cov[j][a][b] *= c * c;
                    }
                }
            }
            Fit<GaussianMixture> fit = new GradientFitter(common(type, 20, Double.MIN_VALUE), options, 1)
                    .fit(scaled, GaussianMixture.of(type, t.weights(), means, cov), SEED);
            double[] trace = fit.diagnostics().trace();
            assertThat(fit.diagnostics().meanLogLikelihood()).isEqualTo(trace[trace.length - 1]);
            assertThat(fit.diagnostics().meanLogLikelihood()).as("c = %s", c)
                    .isCloseTo(unit.diagnostics().meanLogLikelihood() - 2 * Math.log(c), within(1e-6));
            for (int j = 0; j < 3; j++) {
                assertThat(fit.model().weights()[j]).isCloseTo(unit.model().weights()[j], within(1e-6));
                for (int a = 0; a < 2; a++) {
                    assertThat(fit.model().means()[j][a] / c).isCloseTo(unit.model().means()[j][a], within(1e-6));
                }
            }
        }
    }
}
