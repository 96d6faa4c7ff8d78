package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mini-batch pass against EM's blocked pass over the same rows, on well separated components in six
 * dimensions, so that blocks sorted by label drop components for whole blocks and for single points.
 */
class BatchPassTest {

    /** Two passes over the same rows differ by rounding and by terms below 1e-15 next to sums of at least 1. */
    private static final double AGREEMENT = 1e-10;
    private static final long SEED = 20261126L;
    private static final int K = 8;
    private static final int D = 6;

    private static GaussianMixture mixture(CovarianceType type, SplittableRandom random) {
        double[] weights = new double[K];
        double[][] means = new double[K][D];
        double[][][] cov = new double[K][D][D];
        double[][] shared = null;
        for (int j = 0; j < K; j++) {
            weights[j] = 1.0 / K;
            for (int a = 0; a < D; a++) {
                means[j][a] = -8 + 16 * random.nextDouble();
            }
            double[][] l = new double[D][D];
            for (int a = 0; a < D; a++) {
                for (int b = 0; b < a; b++) {
                    l[a][b] = type == CovarianceType.FULL || type == CovarianceType.TIED ? 0.3 * random.nextGaussian() : 0;
                }
                l[a][a] = type == CovarianceType.SPHERICAL ? 0.8 : 0.5 + random.nextDouble();
            }
            for (int a = 0; a < D; a++) {
                for (int b = 0; b < D; b++) {
                    for (int m = 0; m < D; m++) {
                        cov[j][a][b] += l[a][m] * l[b][m];
                    }
                }
            }
            if (type == CovarianceType.TIED) {
                shared = shared == null ? cov[j] : shared;
                cov[j] = shared;
            }
        }
        return GaussianMixture.of(type, weights, means, cov);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void batchesAndFullPassesAgreeWithEmAfterLabelsAreKnown(CovarianceType type) {
        SplittableRandom random = new SplittableRandom(SEED);
        GaussianMixture truth = mixture(type, random);
        double[][] x = truth.sample(3000, random);
        // statistics at parameters a little away from the truth
        UnconstrainedParameters param = new UnconstrainedParameters(type, K, D);
        double[] theta = param.encode(truth);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.05 * random.nextGaussian();
        }
        MixtureKernel kernel = param.kernel(theta);
        GaussianMixture at = param.decode(theta);
        int batch = 1000;
        BatchPass pass = new BatchPass(x, type, K, batch);
        double expectedAll = new EmEngine(x, type, 0).pass(at).logLikelihood;
        // the first full pass sets the labels; the second uses them
        for (int round = 0; round < 2; round++) {
            assertThat(pass.logLikelihood(kernel)).isCloseTo(expectedAll, Offset.offset(AGREEMENT * Math.abs(expectedAll)));
            pass.shuffle(random);
        }
        for (int b = 0; b < pass.batches(); b++) {
            double[][] rows = new double[batch][];
            for (int i = 0; i < batch; i++) {
                rows[i] = x[pass.row(b * batch + i)];
            }
            ComponentStatistics expected = ComponentStatistics.of(new EmEngine(rows, type, 0).pass(at), type,
                    at.means(), ComponentStatistics.DataScatter.of(rows));
            ComponentStatistics actual = pass.pass(b, kernel);
            if (type == CovarianceType.TIED) {
                // only the sum over components of the second moments is defined for tied statistics
                for (int j = 1; j < K; j++) {
                    for (int i = 0; i < actual.s2[j].length; i++) {
                        actual.s2[0][i] += actual.s2[j][i];
                        actual.s2[j][i] = 0;
                    }
                }
            }
            assertThat(actual.logLikelihood).isCloseTo(expected.logLikelihood,
                    Offset.offset(AGREEMENT * Math.abs(expected.logLikelihood)));
            for (int j = 0; j < K; j++) {
                assertThat(actual.n[j]).isCloseTo(expected.n[j], Offset.offset(AGREEMENT * batch));
                for (int i = 0; i < D; i++) {
                    assertThat(actual.s1[j][i]).isCloseTo(expected.s1[j][i], Offset.offset(AGREEMENT * batch));
                }
                for (int i = 0; i < expected.s2[j].length; i++) {
                    assertThat(actual.s2[j][i]).isCloseTo(expected.s2[j][i], Offset.offset(AGREEMENT * batch));
                }
            }
        }
    }
}
