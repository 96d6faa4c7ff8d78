package io.genmod.histogram;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.List;

/** Fits a fixed-bin histogram: per dimension, equal bins by count or numpy rule over the range, or given edges. */
public final class HistogramFitter {

    /** Default bound on the number of grid cells. */
    public static final long DEFAULT_MAX_CELLS = 1_000_000;

    private HistogramFitter() {
    }

    /** How one dimension is binned: exactly one of a bin count, a rule, or explicit edges. */
    public record Bins(Integer count, BinRule rule, double[] edges) {
        public Bins {
            int given = (count != null ? 1 : 0) + (rule != null ? 1 : 0) + (edges != null ? 1 : 0);
            if (given != 1) {
                throw new InvalidParameterException("bins", "give exactly one of a bin count, a rule or edges");
            }
            if (count != null && count < 1) {
                throw new InvalidParameterException("bins", "must be at least 1");
            }
            if (edges != null) {
                if (edges.length < 2) {
                    throw new InvalidParameterException("bins", "an edge list needs at least two edges");
                }
                for (int i = 0; i < edges.length; i++) {
                    if (!Double.isFinite(edges[i]) || i > 0 && !(edges[i] > edges[i - 1])) {
                        throw new InvalidParameterException("bins", "edges must be finite and increase strictly");
                    }
                }
                edges = edges.clone();
            }
        }

        public static Bins of(int count) {
            return new Bins(count, null, null);
        }

        public static Bins of(BinRule rule) {
            return new Bins(null, rule, null);
        }
    }

    /**
     * @param bins one entry for every dimension, or one entry per dimension
     * @param range per dimension [lo, hi] with lo < hi, or null (the data's min and max); entries may be null
     * @param pseudoCount added to every cell, at least 0
     * @param maxCells bound on the product of the bin counts
     */
    public record Options(List<Bins> bins, double[][] range, double pseudoCount, long maxCells) {
        public Options {
            if (bins == null || bins.isEmpty()) {
                throw new InvalidParameterException("bins", "must not be empty");
            }
            bins = List.copyOf(bins);
            if (range != null) {
                for (int k = 0; k < range.length; k++) {
                    double[] r = range[k];
                    if (r == null) {
                        continue;
                    }
                    if (r.length != 2 || !Double.isFinite(r[0]) || !Double.isFinite(r[1])) {
                        throw new InvalidParameterException("range[" + k + "]", "must be a pair [lo, hi] of finite numbers");
                    }
                    if (!(r[0] < r[1])) {
                        throw new InvalidParameterException("range[" + k + "]", "lo must be below hi");
                    }
                }
            }
            if (!(pseudoCount >= 0) || !Double.isFinite(pseudoCount)) {
                throw new InvalidParameterException("pseudoCount", "must be a finite number at least 0");
            }
            if (maxCells < 1) {
                throw new InvalidParameterException("maxCells", "must be at least 1");
            }
        }
    }

    /**
     * @throws InvalidParameterException when bins or range do not match the dimension or the grid is too large
     * @throws UnfittableDataException when no point lies in the grid and the pseudo-count is 0
     */
    public static Fit<Histogram> fit(double[][] x, Options options) {
        long t0 = System.nanoTime();
        int d = x[0].length;
        if (options.bins().size() != 1 && options.bins().size() != d) {
            throw new InvalidParameterException("bins", "must have one entry per dimension (" + d + ")");
        }
        if (options.range() != null && options.range().length != d) {
            throw new InvalidParameterException("range", "must have one [lo, hi] pair per dimension (" + d + ")");
        }
        double[][] edges = new double[d][];
        long cells = 1;
        for (int k = 0; k < d; k++) {
            Bins spec = options.bins().size() == 1 ? options.bins().get(0) : options.bins().get(k);
            String field = spec.rule() != null ? "binRule" : options.bins().size() == 1 ? "bins" : "bins[" + k + "]";
            double[] column = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                column[i] = x[i][k];
            }
            if (spec.edges() != null) {
                edges[k] = spec.edges();
            } else {
                double[] r = options.range() == null ? null : options.range()[k];
                double[] outer = outerEdges(column, r);
                if (!Double.isFinite(outer[1] - outer[0])) { // equal-width edges need the span as a number
                    String why = "spans more than the largest number (about 1.8e308); rescale the data";
                    if (r != null) {
                        throw new InvalidParameterException("range[" + k + "]", why);
                    }
                    throw new UnfittableDataException("x", "column " + k + " " + why + " or give edges");
                }
                long count = spec.count() != null ? spec.count() : spec.rule().binCount(column, outer[0], outer[1]);
                if (count > options.maxCells()) {
                    throw new InvalidParameterException(field, tooMany(count, options.maxCells()));
                }
                edges[k] = BinRule.linspace(outer[0], outer[1], (int) count);
            }
            cells *= edges[k].length - 1;
            if (cells > options.maxCells()) {
                throw new InvalidParameterException("bins", tooMany(cells, options.maxCells()));
            }
        }
        double[] counts = Histogram.count(x, edges);
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        if (total == 0 && options.pseudoCount() == 0) {
            throw new UnfittableDataException("x", "no data point lies within the histogram's range");
        }
        Histogram h = new Histogram(edges, counts, options.pseudoCount());
        return new Fit<>(h, diagnostics("histogram", h, x, t0));
    }

    static Diagnostics diagnostics(String fitter, Histogram h, double[][] x, long t0) {
        double logLikelihood = 0;
        for (double v : h.logDensity(x)) {
            logLikelihood += v;
        }
        return Diagnostics.direct(fitter, logLikelihood, x.length, h.parameterCount(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static String tooMany(long cells, long max) {
        // a rule's count saturates at Long.MAX_VALUE when the data's spread dwarfs its bin width (outliers)
        String count = cells < 1_000_000_000_000L ? Long.toString(cells)
                : String.format(java.util.Locale.ROOT, "about %.3g", (double) cells);
        return "gives " + count + " cells, more than the limit of " + max + "; use fewer bins (with outliers, a "
                + "bin count or the sturges rule)";
    }

    /** numpy's _get_outer_edges: the range, or the data's min and max widened by 0.5 each side when equal. */
    static double[] outerEdges(double[] column, double[] range) {
        double first;
        double last;
        if (range != null) {
            first = range[0];
            last = range[1];
        } else {
            first = Double.POSITIVE_INFINITY;
            last = Double.NEGATIVE_INFINITY;
            for (double v : column) {
                first = Math.min(first, v);
                last = Math.max(last, v);
            }
        }
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        return new double[] {first, last};
    }
}
