package io.genmod.selection;

import io.genmod.core.InvalidParameterException;
import java.util.random.RandomGenerator;

/** k-fold splits: a seeded random permutation dealt round-robin into k folds of sizes differing by at most one. */
public final class Folds {

    private Folds() {
    }

    /**
     * @return for each fold the indices of its held-out rows, ascending within the permutation's order
     * @throws InvalidParameterException ("folds") unless 2 <= k <= n
     */
    public static int[][] split(int n, int k, RandomGenerator random) {
        if (k < 2 || k > n) {
            throw new InvalidParameterException("folds", "must be between 2 and the number of rows (" + n + ")");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[][] folds = new int[k][];
        for (int f = 0; f < k; f++) {
            folds[f] = new int[(n - f + k - 1) / k];
        }
        for (int i = 0; i < n; i++) {
            folds[i % k][i / k] = perm[i];
        }
        return folds;
    }

    /** Rows of x at the given indices (shared, not copied). */
    public static double[][] rows(double[][] x, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = x[indices[i]];
        }
        return out;
    }

    /** Rows of x not in fold {@code f}. */
    public static double[][] training(double[][] x, int[][] folds, int f) {
        double[][] out = new double[x.length - folds[f].length][];
        int c = 0;
        for (int g = 0; g < folds.length; g++) {
            if (g != f) {
                for (int i : folds[g]) {
                    out[c++] = x[i];
                }
            }
        }
        return out;
    }
}
