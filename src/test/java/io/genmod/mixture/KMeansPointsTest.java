package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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

    /**
     * Greedy k-means++ (scikit-learn's {@code _kmeans_plusplus}) written out one trial at a time with the plain
     * distances: each trial drawn from the current distances in proportion (first cumulative weight above
     * u), its candidate distances min(closest, |x - c|^2), potentials summed in row order, the lowest kept.
     */
    private static double[][] plainKMeansPlusPlus(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        int trials = 2 + (int) Math.log(k);
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)];
        double[] closest = new double[n];
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = plainSquaredDistance(x[i], centres[0]);
            potential += closest[i];
        }
        for (int c = 1; c < k; c++) {
            double bestPotential = Double.POSITIVE_INFINITY;
            double[] best = null;
            int bestIndex = -1;
            for (int t = 0; t < trials; t++) {
                int index = -1;
                if (potential > 0) {
                    double u = random.nextDouble() * potential;
                    double cumulative = 0;
                    for (int i = 0; i < n && index < 0; i++) {
                        cumulative += closest[i];
                        index = closest[i] > 0 && cumulative > u ? i : -1;
                    }
                    for (int i = n - 1; index < 0; i--) {
                        index = closest[i] > 0 ? i : -1;
                    }
                } else {
                    index = random.nextInt(n);
                }
                double[] candidate = new double[n];
                double p = 0;
                for (int i = 0; i < n; i++) {
                    candidate[i] = Math.min(closest[i], plainSquaredDistance(x[i], x[index]));
                    p += candidate[i];
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    best = candidate;
                    bestIndex = index;
                }
            }
            centres[c] = x[bestIndex];
            closest = best;
            potential = bestPotential;
        }
        return centres;
    }

    /** The blocked seeding (all trials of a centre in one pass) picks the plain seeding's centres. */
    @ParameterizedTest
    @ValueSource(ints = {2, 5, 16})
    void kMeansPlusPlusIsThePlainSeeding(int k) {
        SplittableRandom data = new SplittableRandom(k);
        double[][] x = rows(3, data);
        double[][] blocked = MixtureInitialiser.kMeansPlusPlus(x, new KMeansPoints(x), k, new SplittableRandom(9));
        double[][] plain = plainKMeansPlusPlus(x, k, new SplittableRandom(9));
        for (int j = 0; j < k; j++) {
            assertThat(blocked[j]).as("centre %d", j).containsExactly(plain[j]);
        }
    }

    /** Plain Lloyd iterations: every distance every time, sums in row order; empty clusters keep their centre. */
    private static int[] plainLloyd(double[][] x, double[][] centres, int maxIterations) {
        int k = centres.length;
        int d = x[0].length;
        int[] labels = plainNearest(x, centres);
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < x.length; i++) {
                counts[labels[i]]++;
                for (int a = 0; a < d; a++) {
                    sums[labels[i]][a] += x[i][a];
                }
            }
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d && counts[j] > 0; a++) {
                    centres[j][a] = sums[j][a] / counts[j];
                }
            }
            int[] next = plainNearest(x, centres);
            boolean changed = !Arrays.equals(next, labels);
            labels = next;
            if (!changed) {
                break;
            }
        }
        return labels;
    }

    private static int[] plainNearest(double[][] x, double[][] centres) {
        int[] labels = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 1; j < centres.length; j++) {
                if (plainSquaredDistance(x[i], centres[j]) < plainSquaredDistance(x[i], centres[labels[i]])) {
                    labels[i] = j;
                }
            }
        }
        return labels;
    }

    /**
     * Lloyd with Hamerly's bounds gives the labels and centres of plain Lloyd, bit for bit: overlapping
     * clusters (many labels change), far-apart ones (most points are skipped), one centre, and repeated points
     * and centres (ties).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void lloydWithBoundsIsPlainLloyd(int kind) {
        SplittableRandom random = new SplittableRandom(100 + kind);
        int d = kind == 1 ? 3 : 2;
        int k = kind == 2 ? 1 : 6;
        double[][] x = new double[20 * KMeansPoints.BLOCK + 11][d];
        for (double[] row : x) {
            int c = random.nextInt(6);
            for (int a = 0; a < d; a++) {
                row[a] = switch (kind) {
                    case 1 -> 100 * c + random.nextGaussian();
                    case 3 -> random.nextInt(4);
                    default -> 0.7 * c * (a + 1) + random.nextGaussian();
                };
            }
        }
        double[][] start = new double[k][];
        for (int j = 0; j < k; j++) {
            start[j] = x[random.nextInt(x.length)].clone();
        }
        if (kind == 3) {
            start[4] = start[1].clone();
        }
        double[][] expectedCentres = deepCopy(start);
        int[] expected = plainLloyd(x, expectedCentres, 50);
        double[][] centres = deepCopy(start);
        int[] labels = new KMeansPoints(x).lloyd(x, centres, 50);
        assertThat(labels).isEqualTo(expected);
        assertThat(centres).isDeepEqualTo(expectedCentres);
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] copy = new double[m.length][];
        for (int j = 0; j < m.length; j++) {
            copy[j] = m[j].clone();
        }
        return copy;
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
