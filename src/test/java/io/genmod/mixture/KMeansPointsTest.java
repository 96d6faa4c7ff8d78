package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The blocked k-means distances against the loop over one row at a time they replace: the same bits. */
class KMeansPointsTest {

    /** Two full blocks and a partial one. */
    private static final int ROWS = 2 * KMeansPoints.BLOCK + 37;

    private static double[][] rows(int d, SplittableRandom random) {
        double[][] x = new double[ROWS][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                // a coarse grid, so that some rows are equally far from two centres
                row[a] = random.nextInt(7) - 3 + (random.nextBoolean() ? 0 : 1e3 * random.nextGaussian());
            }
        }
        return x;
    }

    private static double plainSquaredDistance(double[] x, double[] c) {
        double s = 0;
        for (int a = 0; a < x.length; a++) {
            double v = x[a] - c[a];
            s += v * v;
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 5, 10})
    void squaredDistancesAreThoseOfThePlainLoop(int d) {
        SplittableRandom random = new SplittableRandom(d);
        double[][] x = rows(d, random);
        double[] c = rows(d, random)[0];
        double[] out = new double[ROWS];
        new KMeansPoints(x).squaredDistances(c, out);
        for (int i = 0; i < ROWS; i++) {
            assertThat(out[i]).as("row %d", i).isEqualTo(plainSquaredDistance(x[i], c));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void nearestIsTheFirstClosestCentre(int d) {
        SplittableRandom random = new SplittableRandom(10 + d);
        double[][] x = rows(d, random);
        double[][] centres = new double[6][];
        for (int j = 0; j < centres.length; j++) {
            centres[j] = x[random.nextInt(ROWS)].clone();
        }
        centres[5] = centres[2].clone();
        int[] labels = new KMeansPoints(x).nearest(centres);
        for (int i = 0; i < ROWS; i++) {
            int expected = 0;
            for (int j = 1; j < centres.length; j++) {
                if (plainSquaredDistance(x[i], centres[j]) < plainSquaredDistance(x[i], centres[expected])) {
                    expected = j;
                }
            }
            assertThat(labels[i]).as("row %d", i).isEqualTo(expected);
        }
    }
}
