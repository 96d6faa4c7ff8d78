package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The blocked, parallel EM pass against the textbook loop ({@link PlainEm}) and against itself on one thread. */
class EmEngineTest {

    /** Required agreement of every trace entry with the plain algorithm. */
    private static final double LOG_LIKELIHOOD_RELATIVE = 1e-9;
    private static final double PARAMETER_RELATIVE = 1e-7;
    private static final int ITERATIONS = 25;
    /** Several chunks of blocks and a partial last block. */
    private static final int ROWS = EmEngine.BLOCK * 70 + 37;

    /** Five overlapping clusters in 4-D with an offset, so that responsibilities are soft. */
    private static double[][] data() {
        SplittableRandom random = new SplittableRandom(17);
        double[][] x = new double[ROWS][4];
        for (int i = 0; i < ROWS; i++) {
            int c = random.nextInt(5);
            for (int a = 0; a < 4; a++) {
                x[i][a] = 50 + 1.5 * c * ((a + c) % 3 - 1) + random.nextGaussian() + (a > 0 ? 0.5 * x[i][a - 1] : 0);
            }
        }
        return x;
    }

    /**
     * Eight far-apart clusters in 3-D, in random order: most points have one responsible component, so the
     * engine groups the points and skips most (block, component) pairs.
     */
    private static double[][] separatedData() {
        SplittableRandom random = new SplittableRandom(29);
        double[][] x = new double[ROWS][3];
        for (int i = 0; i < ROWS; i++) {
            int c = random.nextInt(8);
            for (int a = 0; a < 3; a++) {
                x[i][a] = 40 * ((c >> a) & 1) + (1 + c % 3) * random.nextGaussian();
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void matchesThePlainAlgorithm(CovarianceType type) {
        assertMatchesThePlainAlgorithm(data(), 6, Initialisation.RANDOM, type);
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void matchesThePlainAlgorithmWhenComponentsAreSkipped(CovarianceType type) {
        assertMatchesThePlainAlgorithm(separatedData(), 8, Initialisation.KMEANS_PLUS_PLUS, type);
    }

    /** Grouping keys hold component j as bit j mod 64: more components share bits, results must not change. */
    @ParameterizedTest
    @EnumSource(value = CovarianceType.class, names = {"FULL", "DIAG"})
    void matchesThePlainAlgorithmWithMoreThan64Components(CovarianceType type) {
        assertMatchesThePlainAlgorithm(separatedData(), 70, Initialisation.KMEANS_PLUS_PLUS, type);
    }

    private static void assertMatchesThePlainAlgorithm(double[][] x, int k, Initialisation init, CovarianceType type) {
        MixtureOptions options = new MixtureOptions(k, type, init, 1, ITERATIONS, Double.MIN_VALUE,
                1e-6, 3L, null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, options, new SplittableRandom(3));
        // a tolerance of 0 never stops early: a converged fit's last changes are rounding noise
        EmEngine.Run fast = new EmEngine(x, type, 1e-6).run(start, ITERATIONS, 0);
        PlainEm.Run plain = new PlainEm(x, type, 1e-6).run(start, ITERATIONS);
        assertThat(fast.trace()).hasSameSizeAs(plain.trace());
        for (int i = 0; i < plain.trace().length; i++) {
            assertThat(Math.abs(fast.trace()[i] - plain.trace()[i]))
                    .as("trace[%d] %s vs %s", i, fast.trace()[i], plain.trace()[i])
                    .isLessThanOrEqualTo(LOG_LIKELIHOOD_RELATIVE * Math.abs(plain.trace()[i]));
        }
        double[][] m1 = fast.model().means();
        double[][] m2 = plain.model().means();
        double[][][] c1 = fast.model().covariances();
        double[][][] c2 = plain.model().covariances();
        for (int j = 0; j < m1.length; j++) {
            assertThat(fast.model().weights()[j]).isCloseTo(plain.model().weights()[j],
                    org.assertj.core.data.Offset.offset(PARAMETER_RELATIVE));
            for (int a = 0; a < m1[j].length; a++) {
                assertThat(Math.abs(m1[j][a] - m2[j][a])).isLessThanOrEqualTo(PARAMETER_RELATIVE * Math.abs(m2[j][a]));
                for (int b = 0; b < m1[j].length; b++) {
                    assertThat(Math.abs(c1[j][a][b] - c2[j][a][b])).isLessThanOrEqualTo(PARAMETER_RELATIVE * c2[j][a][a]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void givesBitIdenticalResultsOnOneThread(CovarianceType type) throws Exception {
        double[][] x = data();
        MixtureOptions options = new MixtureOptions(4, type, Initialisation.KMEANS_PLUS_PLUS, 1, 10, Double.MIN_VALUE,
                1e-6, 5L, null, null, null);
        GaussianMixture start = MixtureInitialiser.initialMixture(x, options, new SplittableRandom(5));
        EmEngine engine = new EmEngine(x, type, 1e-6);
        EmEngine.Run parallel = engine.run(start, 10, Double.MIN_VALUE);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            EmEngine.Run sequential = single.submit(() -> engine.run(start, 10, Double.MIN_VALUE)).get();
            assertThat(sequential.trace()).containsExactly(parallel.trace());
            assertThat(sequential.model().means()).isDeepEqualTo(parallel.model().means());
            assertThat(sequential.model().covariances()).isDeepEqualTo(parallel.model().covariances());
        } finally {
            single.shutdown();
        }
    }
}
