package io.genmod.histogram;

import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.Arrays;

/**
 * Fits a one-dimensional equal-mass histogram: B bins, each holding about n / B sorted points, with each
 * inner edge midway between the last point of one bin and the first of the next, and the outer edges at the
 * minimum and maximum. Where tied values straddle a cut, the cut moves to the nearest gap between distinct
 * values (or is dropped), so that no bin is empty and every edge lies strictly between data values.
 */
public final class VariableHistogramFitter {

    private VariableHistogramFitter() {
    }

    /** @param pointsPerBin target points per bin (default round(sqrt n)); @param bins the number of bins instead */
    public record Options(Integer pointsPerBin, Integer bins) {
        public Options {
            if (pointsPerBin != null && bins != null) {
                throw new InvalidParameterException("bins", "give pointsPerBin or bins, not both");
            }
            if (pointsPerBin != null && pointsPerBin < 1) {
                throw new InvalidParameterException("pointsPerBin", "must be at least 1");
            }
            if (bins != null && bins < 1) {
                throw new InvalidParameterException("bins", "must be at least 1");
            }
        }
    }

    /**
     * @param x one column of data. Not modified.
     * @throws UnfittableDataException when the data has fewer than two distinct values
     */
    public static Fit<Histogram> fit(double[][] x, Options options) {
        long t0 = System.nanoTime();
        int n = x.length;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = x[i][0];
        }
        Arrays.sort(v);
        if (!(v[n - 1] > v[0])) {
            throw new UnfittableDataException("x", "a variable-width histogram needs at least two distinct values");
        }
        int bins;
        if (options.bins() != null) {
            bins = Math.min(options.bins(), n);
        } else {
            int per = options.pointsPerBin() != null ? options.pointsPerBin() : (int) Math.max(1, Math.round(Math.sqrt(n)));
            bins = (int) Math.max(1, Math.min(n, Math.round((double) n / per)));
        }
        int[] cuts = new int[bins + 1];
        int count = 0;
        cuts[count++] = 0;
        for (int j = 1; j < bins; j++) {
            int target = (int) Math.round((double) j * n / bins);
            int c = nearestGap(v, target, cuts[count - 1]);
            if (c > cuts[count - 1] && c < n) {
                cuts[count++] = c;
            }
        }
        cuts[count++] = n;
        double[] edges = new double[count];
        edges[0] = v[0];
        edges[count - 1] = v[n - 1];
        for (int j = 1; j < count - 1; j++) {
            int c = cuts[j];
            edges[j] = v[c - 1] + (v[c] - v[c - 1]) / 2;
        }
        double[][] grid = {edges};
        Histogram h = new Histogram(grid, Histogram.count(x, grid), 0);
        return new Fit<>(h, HistogramFitter.diagnostics("variable-width", h, x, t0));
    }

    /** The cut c nearest to target with previous < c < n and v[c - 1] < v[c], or -1. */
    private static int nearestGap(double[] v, int target, int previous) {
        int n = v.length;
        for (int delta = 0; delta < n; delta++) {
            int left = target - delta;
            int right = target + delta;
            boolean any = false;
            if (left > previous && left < n) {
                any = true;
                if (v[left - 1] < v[left]) {
                    return left;
                }
            }
            if (right > previous && right < n) {
                any = true;
                if (v[right - 1] < v[right]) {
                    return right;
                }
            }
            if (!any && left <= previous && right >= n) {
                return -1;
            }
        }
        return -1;
    }
}
