package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.Fit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmFitterTest {

    private static final double MEAN_TOLERANCE = 0.1;

    @Test
    void kMeansPlusPlusWithRestartsRecoversWellSeparatedMeans() {
        double[][] truth = {{-10, 0}, {0, 10}, {10, 0}, {0, -10}};
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[2000][];
        for (int i = 0; i < x.length; i++) {
            double[] m = truth[i % truth.length];
            x[i] = new double[] {m[0] + random.nextGaussian(), m[1] + random.nextGaussian()};
        }
        for (CovarianceType type : CovarianceType.values()) {
            MixtureOptions options = new MixtureOptions(4, type, Initialisation.KMEANS_PLUS_PLUS, 5, 100, 1e-6, 1e-6,
                    11L, null, null, null);
            Fit<GaussianMixture> fit = new EmFitter(options).fit(x);
            double[][] means = fit.model().means();
            Arrays.sort(means, Comparator.comparingDouble((double[] m) -> 100 * Math.round(m[0]) + m[1]));
            double[][] expected = truth.clone();
            Arrays.sort(expected, Comparator.comparingDouble((double[] m) -> 100 * Math.round(m[0]) + m[1]));
            for (int j = 0; j < 4; j++) {
                assertThat(means[j][0]).as(type + " mean " + j).isCloseTo(expected[j][0], within(MEAN_TOLERANCE));
                assertThat(means[j][1]).as(type + " mean " + j).isCloseTo(expected[j][1], within(MEAN_TOLERANCE));
            }
            double[] trace = fit.diagnostics().trace();
            for (int i = 1; i < trace.length; i++) {
                assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-12);
            }
            assertThat(trace[trace.length - 1]).isEqualTo(fit.diagnostics().meanLogLikelihood());
        }
    }
}
