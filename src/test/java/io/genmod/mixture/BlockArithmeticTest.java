package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loops over a block's points against their one-point-at-a-time definitions. */
class BlockArithmeticTest {

    /** A product of 32 sums rounds about 32 times; the sum over a block a few hundred times more. */
    private static final double RELATIVE = 1e-13;

    @Test
    void logLikelihoodTakesOneLogarithmPerGroupOfPoints() {
        SplittableRandom random = new SplittableRandom(3);
        for (int len : new int[] {1, 31, 32, 33, 100, 128}) {
            for (int k : new int[] {1, 16, 1_000_000}) {
                double[] max = new double[len];
                double[] sum = new double[len];
                double expected = 0;
                for (int p = 0; p < len; p++) {
                    max[p] = -50 * random.nextDouble();
                    sum[p] = 1 + (k - 1) * random.nextDouble();
                    expected += max[p] + Math.log(sum[p]);
                }
                assertThat(BlockArithmetic.logLikelihood(max, sum, len))
                        .as("len %d, k %d", len, k)
                        .isCloseTo(expected, within(RELATIVE * Math.abs(expected) + 1e-15));
            }
        }
    }

    @Test
    void logLikelihoodDoesNotOverflowWhenEverySumIsLarge() {
        int len = 128;
        double[] max = new double[len];
        double[] sum = new double[len];
        Arrays.fill(sum, Integer.MAX_VALUE);
        double expected = len * Math.log(Integer.MAX_VALUE);
        assertThat(BlockArithmetic.logLikelihood(max, sum, len)).isCloseTo(expected, within(RELATIVE * expected));
    }
}
