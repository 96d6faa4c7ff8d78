package io.genmod.mixture;

import java.util.Arrays;
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
    /**
     * Relative widening of Hamerly's bounds: far above the rounding of a distance of up to thousands of
     * coordinates (~d * 1e-16), so that the bounds hold for the distances as computed.
     */
    private static final double BOUND_SLACK = 1e-10;

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
        IntStream.range(0, columns.length).parallel().forEach(b -> squaredDistances(b, c, out, b * BLOCK));
    }

    /**
     * out[t][i] = min(cap[i], |x_i - c_t|^2) for every row i and centre c_t: one pass over the blocks for all
     * the centres, each block read from memory once.
     */
    void squaredDistances(double[][] c, double[] cap, double[][] out) {
        IntStream.range(0, columns.length).parallel().forEach(b -> {
            int at = b * BLOCK;
            for (int t = 0; t < c.length; t++) {
                double[] o = out[t];
                squaredDistances(b, c[t], o, at);
                for (int i = at; i < at + length(b); i++) {
                    o[i] = Math.min(cap[i], o[i]);
                }
            }
        });
    }

    /** The index of each row's nearest centre (ties to the lowest index). */
    int[] nearest(double[][] centres) {
        return nearest(centres, null, null);
    }

    /**
     * The index of each row's nearest centre (ties to the lowest index), and, when the arrays are given, the
     * squared distances to it and to the second nearest (infinity for one centre).
     */
    private int[] nearest(double[][] centres, double[] closest, double[] second) {
        int[] labels = new int[n];
        IntStream.range(0, columns.length).parallel().forEach(b -> {
            double[] s = new double[BLOCK];
            double[] best = new double[BLOCK];
            double[] next = new double[BLOCK];
            int[] label = new int[BLOCK];
            int len = length(b);
            squaredDistances(b, centres[0], best, 0);
            Arrays.fill(next, Double.POSITIVE_INFINITY);
            for (int j = 1; j < centres.length; j++) {
                squaredDistances(b, centres[j], s, 0);
                for (int p = 0; p < len; p++) {
                    boolean closer = s[p] < best[p];
                    next[p] = closer ? best[p] : Math.min(next[p], s[p]);
                    best[p] = closer ? s[p] : best[p];
                    label[p] = closer ? j : label[p];
                }
            }
            System.arraycopy(label, 0, labels, b * BLOCK, len);
            if (closest != null) {
                System.arraycopy(best, 0, closest, b * BLOCK, len);
                System.arraycopy(next, 0, second, b * BLOCK, len);
            }
        });
        return labels;
    }

    /**
     * Lloyd's k-means iterations from {@code centres} (updated in place) until no label changes or for at most
     * {@code maxIterations}; empty clusters keep their centre. Returns the labels.
     *
     * <p>Hamerly's bounds (Hamerly 2010, "Making k-means even faster") skip the points whose nearest centre
     * cannot have changed: an upper bound on the distance to the assigned centre, grown by that centre's shift,
     * and a lower bound on the distance to every other, shrunk by the largest other shift; only when the bounds
     * cross is a point's nearest centre computed again, with the same squared distances as {@link #nearest}.
     * The bounds are widened by {@link #BOUND_SLACK} (relative) against rounding, so a skipped point's centre
     * is strictly nearest: the labels and centres are those of plain Lloyd iterations, bit for bit.
     *
     * @param x the rows these points were made of. Not modified.
     */
    int[] lloyd(double[][] x, double[][] centres, int maxIterations) {
        int k = centres.length;
        double[] upper = new double[n];
        double[] lower = new double[n];
        int[] labels = nearest(centres, upper, lower);
        IntStream.range(0, n).parallel().forEach(i -> {
            upper[i] = Math.sqrt(upper[i]) * (1 + BOUND_SLACK);
            lower[i] = Math.sqrt(lower[i]) * (1 - BOUND_SLACK);
        });
        double[] shift = new double[k];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
            }
            double[][] sums = clusterSums(labels, k);
            int largest = 0;
            for (int j = 0; j < k; j++) {
                double[] moved = centres[j].clone();
                if (counts[j] > 0) {
                    for (int a = 0; a < d; a++) {
                        centres[j][a] = sums[a][j] / counts[j];
                    }
                }
                shift[j] = Math.sqrt(squaredDistance(moved, centres[j])) * (1 + BOUND_SLACK);
                largest = shift[j] > shift[largest] ? j : largest;
            }
            double others = 0;
            for (int j = 0; j < k; j++) {
                others = j != largest ? Math.max(others, shift[j]) : others;
            }
            int farthest = largest;
            double largestShift = shift[largest];
            double secondLargest = others;
            int chunks = Math.min(n, 64);
            boolean changed = IntStream.range(0, chunks).parallel().map(c -> {
                int moved = 0;
                for (int i = (int) ((long) c * n / chunks); i < (long) (c + 1) * n / chunks; i++) {
                    int label = labels[i];
                    upper[i] = (upper[i] + shift[label]) * (1 + BOUND_SLACK);
                    lower[i] = (lower[i] - (label == farthest ? secondLargest : largestShift)) * (1 - BOUND_SLACK);
                    if (upper[i] < lower[i]) {
                        continue;
                    }
                    upper[i] = Math.sqrt(squaredDistance(x[i], centres[label])) * (1 + BOUND_SLACK);
                    if (upper[i] < lower[i]) {
                        continue;
                    }
                    double best = squaredDistance(x[i], centres[0]);
                    double next = Double.POSITIVE_INFINITY;
                    int nearest = 0;
                    for (int j = 1; j < k; j++) {
                        double s = squaredDistance(x[i], centres[j]);
                        if (s < best) {
                            next = best;
                            best = s;
                            nearest = j;
                        } else {
                            next = Math.min(next, s);
                        }
                    }
                    moved += nearest != label ? 1 : 0;
                    labels[i] = nearest;
                    upper[i] = Math.sqrt(best) * (1 + BOUND_SLACK);
                    lower[i] = Math.sqrt(next) * (1 - BOUND_SLACK);
                }
                return moved;
            }).sum() > 0;
            if (!changed) {
                break;
            }
        }
        return labels;
    }

    /**
     * sums[a][j]: coordinate a summed over the rows labelled j, in row order; the coordinates on all cores (each
     * sum gets the additions of a sequential loop over the rows, in the same order, so the same bits).
     */
    private double[][] clusterSums(int[] labels, int k) {
        double[][] sums = new double[d][];
        IntStream.range(0, d).parallel().forEach(a -> {
            double[] s = new double[k];
            for (int b = 0; b < columns.length; b++) {
                double[] column = columns[b][a];
                int first = b * BLOCK;
                for (int p = 0; p < length(b); p++) {
                    s[labels[first + p]] += column[p];
                }
            }
            sums[a] = s;
        });
        return sums;
    }

    /** |u - v|^2, the squares added in coordinate order. */
    static double squaredDistance(double[] u, double[] v) {
        double s = 0;
        for (int a = 0; a < u.length; a++) {
            double w = u[a] - v[a];
            s += w * w;
        }
        return s;
    }

    /**
     * s[at + p] = |x_p - c|^2 over the points p of block b, the squares added in coordinate order, up to four
     * coordinates per pass over s.
     */
    private void squaredDistances(int b, double[] c, double[] s, int at) {
        double[][] block = columns[b];
        int len = length(b);
        double[] x0 = block[0];
        double c0 = c[0];
        for (int p = 0; p < len; p++) {
            double v = x0[p] - c0;
            s[at + p] = v * v;
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
                s[at + p] = s[at + p] + va * va + vb * vb + vc * vc + vd * vd;
            }
        }
        for (; a < d; a++) {
            double[] xa = block[a];
            double ca = c[a];
            for (int p = 0; p < len; p++) {
                double v = xa[p] - ca;
                s[at + p] += v * v;
            }
        }
    }

    private int length(int b) {
        return Math.min(BLOCK, n - b * BLOCK);
    }
}
