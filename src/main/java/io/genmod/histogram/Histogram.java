package io.genmod.histogram;

import io.genmod.core.Density;
import io.genmod.core.InvalidParameterException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * An immutable histogram density on a grid of cells, the product of per-dimension bins with arbitrary
 * increasing edges (equal-width for {@code histogram}, equal-mass for {@code variable-histogram}). Each
 * bin is [e_i, e_{i+1}) except the last, which includes its right edge (numpy's convention). With counts
 * c, C cells and pseudo-count a, a cell of volume V has density (c + a) / ((sum c + a C) V); outside the
 * grid, and in empty cells when a = 0, the density is zero (log-density minus infinity).
 */
public final class Histogram implements Density {

    private final double[][] edges;
    private final double[] counts;
    private final double pseudoCount;
    private final int[] shape;
    private final double[] logDensity;
    private final double[] cumulative;

    /**
     * @param edges per dimension, strictly increasing, at least two each (copied)
     * @param counts per cell, row-major (last dimension fastest), non-negative (copied)
     * @throws InvalidParameterException for inconsistent shapes, bad edges or counts, or an all-zero histogram
     */
    public Histogram(double[][] edges, double[] counts, double pseudoCount) {
        if (edges.length == 0) {
            throw new InvalidParameterException("edges", "must have one list of edges per dimension");
        }
        int d = edges.length;
        this.edges = new double[d][];
        this.shape = new int[d];
        long cells = 1;
        for (int k = 0; k < d; k++) {
            double[] e = edges[k];
            if (e == null || e.length < 2) {
                throw new InvalidParameterException("edges[" + k + "]", "must have at least two edges");
            }
            for (int i = 0; i < e.length; i++) {
                if (!Double.isFinite(e[i])) {
                    throw new InvalidParameterException("edges[" + k + "][" + i + "]", "must be a finite number");
                }
                if (i > 0 && !(e[i] > e[i - 1])) {
                    throw new InvalidParameterException("edges[" + k + "][" + i + "]", "edges must increase strictly");
                }
            }
            this.edges[k] = e.clone();
            shape[k] = e.length - 1;
            cells *= shape[k];
        }
        if (counts.length != cells) {
            throw new InvalidParameterException("counts", "must have one count per cell (" + cells + ")");
        }
        if (!(pseudoCount >= 0) || !Double.isFinite(pseudoCount)) {
            throw new InvalidParameterException("pseudoCount", "must be a finite number at least 0");
        }
        double total = 0;
        for (int c = 0; c < counts.length; c++) {
            if (!(counts[c] >= 0) || !Double.isFinite(counts[c])) {
                throw new InvalidParameterException("counts", "must be finite non-negative numbers");
            }
            total += counts[c];
        }
        double mass = total + pseudoCount * cells;
        if (!(mass > 0)) {
            throw new InvalidParameterException("counts", "must not all be zero when pseudoCount is 0");
        }
        this.counts = counts.clone();
        this.pseudoCount = pseudoCount;
        this.logDensity = new double[counts.length];
        this.cumulative = new double[counts.length];
        int[] idx = new int[d];
        double running = 0;
        for (int c = 0; c < counts.length; c++) {
            double logVolume = 0;
            for (int k = 0; k < d; k++) {
                logVolume += Math.log(this.edges[k][idx[k] + 1] - this.edges[k][idx[k]]);
            }
            double w = counts[c] + pseudoCount;
            logDensity[c] = Math.log(w) - Math.log(mass) - logVolume;
            running += w / mass;
            cumulative[c] = running;
            for (int k = d - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
    }

    /** Counts each row into the grid given by {@code edges} (rows outside it are not counted). */
    public static double[] count(double[][] x, double[][] edges) {
        int d = edges.length;
        long cells = 1;
        for (double[] e : edges) {
            cells *= e.length - 1;
        }
        double[] counts = new double[(int) cells];
        for (double[] row : x) {
            int cell = cell(row, edges);
            if (cell >= 0) {
                counts[cell]++;
            }
        }
        return counts;
    }

    /** Bin of v among sorted edges: [e_i, e_{i+1}), the last bin closed; -1 outside. */
    static int bin(double[] e, double v) {
        int last = e.length - 1;
        if (!(v >= e[0]) || v > e[last]) {
            return -1;
        }
        if (v == e[last]) {
            return last - 1;
        }
        int i = Arrays.binarySearch(e, v);
        if (i >= 0) {
            return i;
        }
        return -i - 2;
    }

    private static int cell(double[] row, double[][] edges) {
        int cell = 0;
        for (int k = 0; k < edges.length; k++) {
            int b = bin(edges[k], row[k]);
            if (b < 0) {
                return -1;
            }
            cell = cell * (edges[k].length - 1) + b;
        }
        return cell;
    }

    @Override
    public int dimension() {
        return edges.length;
    }

    /** Edges per dimension (copies). */
    public double[][] edges() {
        double[][] copy = new double[edges.length][];
        for (int k = 0; k < edges.length; k++) {
            copy[k] = edges[k].clone();
        }
        return copy;
    }

    /** Counts per cell, row-major. */
    public double[] counts() {
        return counts.clone();
    }

    /** Density per cell, row-major. */
    public double[] densities() {
        double[] out = new double[logDensity.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.exp(logDensity[c]);
        }
        return out;
    }

    public double pseudoCount() {
        return pseudoCount;
    }

    /** Bins per dimension. */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] logDensity(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = cell(x[i], edges);
            out[i] = c < 0 ? Double.NEGATIVE_INFINITY : logDensity[c];
        }
        return out;
    }

    /** Picks a cell with probability equal to its mass, then a uniform point in it. */
    @Override
    public double[][] sample(int n, RandomGenerator random) {
        int d = edges.length;
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble() * cumulative[cumulative.length - 1];
            int c = Arrays.binarySearch(cumulative, u);
            c = c >= 0 ? c + 1 : -c - 1;
            c = Math.min(c, cumulative.length - 1);
            while (c > 0 && logDensity[c] == Double.NEGATIVE_INFINITY) {
                c--;
            }
            int rest = c;
            for (int k = d - 1; k >= 0; k--) {
                int b = rest % shape[k];
                rest /= shape[k];
                double lo = edges[k][b];
                double hi = edges[k][b + 1];
                double v = lo + random.nextDouble() * (hi - lo);
                out[i][k] = Math.min(v, hi);
            }
        }
        return out;
    }

    /** Free parameters of the cell probabilities: cells - 1 (the edges are treated as fixed). */
    @Override
    public int parameterCount() {
        return counts.length - 1;
    }
}
