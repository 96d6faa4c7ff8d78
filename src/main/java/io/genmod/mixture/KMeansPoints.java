package io.genmod.mixture;

import java.util.stream.IntStream;

/**
 * The rows of a data set in blocks of {@link #BLOCK} points stored column by column, for the squared distances
 * of k-means++ seeding and Lloyd's iterations: the inner loops run over the points of a block (which the JIT
 * vectorises) and blocks run on all cores. Each distance sums its squared coordinate differences in coordinate
 * order, as a loop over one row does, so the results are the same bits as the plain loops' on any number of
 * threads.
 */
final class KMeansPoints {

    static final int BLOCK = 128;

    private final int n;
    private final int d;
    /** columns[b][a][p]: coordinate a of row b * BLOCK + p. */
    private final double[][][] columns;

    /** @param x rows. Not modified, not retained. */
    KMeansPoints(double[][] x) {
        n = x.length;
        d = x[0].length;
        columns = new double[(n + BLOCK - 1) / BLOCK][][];
        IntStream.range(0, columns.length).parallel().forEach(b -> {
            double[][] block = new double[d][BLOCK];
            for (int p = 0; p < length(b); p++) {
                double[] row = x[b * BLOCK + p];
                for (int a = 0; a < d; a++) {
                    block[a][p] = row[a];
                }
            }
            columns[b] = block;
        });
    }

    /** out[i] = |x_i - c|^2 for every row i. */
    void squaredDistances(double[] c, double[] out) {
        IntStream.range(0, columns.length).parallel().forEach(b -> {
            double[] s = new double[BLOCK];
            squaredDistances(b, c, s);
            System.arraycopy(s, 0, out, b * BLOCK, length(b));
        });
    }

    /** The index of each row's nearest centre (ties to the lowest index). */
    int[] nearest(double[][] centres) {
        int[] labels = new int[n];
        IntStream.range(0, columns.length).parallel().forEach(b -> {
            double[] s = new double[BLOCK];
            double[] best = new double[BLOCK];
            int[] label = new int[BLOCK];
            int len = length(b);
            squaredDistances(b, centres[0], best);
            for (int j = 1; j < centres.length; j++) {
                squaredDistances(b, centres[j], s);
                for (int p = 0; p < len; p++) {
                    boolean closer = s[p] < best[p];
                    best[p] = closer ? s[p] : best[p];
                    label[p] = closer ? j : label[p];
                }
            }
            System.arraycopy(label, 0, labels, b * BLOCK, len);
        });
        return labels;
    }

    /**
     * s[p] = |x_p - c|^2 over the points p of block b, the squares added in coordinate order, up to four
     * coordinates per pass over s.
     */
    private void squaredDistances(int b, double[] c, double[] s) {
        double[][] block = columns[b];
        int len = length(b);
        double[] x0 = block[0];
        double c0 = c[0];
        for (int p = 0; p < len; p++) {
            double v = x0[p] - c0;
            s[p] = v * v;
        }
        int a = 1;
        for (; a + 3 < d; a += 4) {
            double[] xa = block[a];
            double[] xb = block[a + 1];
            double[] xc = block[a + 2];
            double[] xd = block[a + 3];
            double ca = c[a];
            double cb = c[a + 1];
            double cc = c[a + 2];
            double cd = c[a + 3];
            for (int p = 0; p < len; p++) {
                double va = xa[p] - ca;
                double vb = xb[p] - cb;
                double vc = xc[p] - cc;
                double vd = xd[p] - cd;
                s[p] = s[p] + va * va + vb * vb + vc * vc + vd * vd;
            }
        }
        for (; a < d; a++) {
            double[] xa = block[a];
            double ca = c[a];
            for (int p = 0; p < len; p++) {
                double v = xa[p] - ca;
                s[p] += v * v;
            }
        }
    }

    private int length(int b) {
        return Math.min(BLOCK, n - b * BLOCK);
    }
}
