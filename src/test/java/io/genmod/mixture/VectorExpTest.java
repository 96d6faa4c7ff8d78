package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorExpTest {

    /** The documented accuracy on [-50, 0]. */
    private static final double RELATIVE = 3e-14;

    @Test
    void agreesWithMathExpOnTheWholeRangeAndAddsToTheSums() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 100_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < 3 ? new double[] {0, -50, -1e-300}[i] : -50 * random.nextDouble();
        }
        double[] e = x.clone();
        double[] sum = new double[n];
        VectorExp.expShiftedAndSum(e, new double[n], sum, new double[n], 0, n);
        for (int i = 0; i < n; i++) {
            double expected = Math.exp(x[i]);
            assertThat(Math.abs(e[i] - expected)).as("exp(%s)", x[i]).isLessThanOrEqualTo(RELATIVE * expected);
            assertThat(sum[i]).isEqualTo(e[i]);
        }
    }

    @Test
    void clampsBelowTheFloorAndLeavesOtherEntriesAlone() {
        double[] a = {7, -800, -Double.MAX_VALUE, 7};
        VectorExp.expShiftedAndSum(a, new double[4], new double[4], new double[4], 1, 3);
        assertThat(a[0]).isEqualTo(7);
        assertThat(a[3]).isEqualTo(7);
        assertThat(Math.abs(a[1] - Math.exp(VectorExp.FLOOR))).isLessThanOrEqualTo(RELATIVE * Math.exp(VectorExp.FLOOR));
        assertThat(a[2]).isEqualTo(a[1]);
    }
}
