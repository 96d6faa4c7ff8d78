package io.genmod.histogram;

import java.util.Arrays;

/**
 * Automatic bin-count rules, transcribed from numpy's {@code histogram_bin_edges} (numpy/lib/histograms.py,
 * the {@code _hist_bin_*} selectors): each gives a bin width, and the number of equal bins over
 * [first, last] is ceil((last - first) / width), or 1 when the width is 0.
 */
public enum BinRule {
    /** ptp / sqrt(n). */
    SQRT("sqrt"),
    /** ptp / (log2 n + 1) (Sturges 1926). */
    STURGES("sturges"),
    /** ptp / (2 n^(1/3)) (Terrell and Scott 1985). */
    RICE("rice"),
    /** (24 sqrt(pi) / n)^(1/3) sigma (Scott 1979). */
    SCOTT("scott"),
    /** Minimises the leave-one-out estimate of the integrated squared error over 1..max(100, sqrt n) bins (Stone 1984). */
    STONE("stone"),
    /** Sturges corrected for skewness (Doane 1976). */
    DOANE("doane"),
    /** 2 IQR n^(-1/3) (Freedman and Diaconis 1981). */
    FD("fd"),
    /** min(fd, sturges), sturges when the fd width is 0. */
    AUTO("auto");

    private final String id;

    BinRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** @return the rule, or null for an unknown id */
    public static BinRule of(String id) {
        for (BinRule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Number of equal-width bins numpy chooses for {@code x} on [first, last]; x is trimmed to that range first.
     *
     * @param x data. Not modified.
     */
    public long binCount(double[] x, double first, double last) {
        double[] a = Arrays.stream(x).filter(v -> v >= first && v <= last).toArray();
        if (a.length == 0) {
            return 1;
        }
        double width = width(a, first, last);
        // no width (constant data), or one whose spread overflowed (an infinite standard deviation): one bin
        if (width == 0 || Double.isNaN(width) || width == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double bins = Math.ceil((last - first) / width);
        return bins >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bins;
    }

    double width(double[] x, double first, double last) {
        int n = x.length;
        switch (this) {
            case SQRT:
                return ptp(x) / Math.sqrt(n);
            case STURGES:
                return ptp(x) / (log2(n) + 1.0);
            case RICE:
                return ptp(x) / (2.0 * Math.pow(n, 1.0 / 3));
            case SCOTT:
                return Math.pow(24.0 * Math.pow(Math.PI, 0.5) / n, 1.0 / 3.0) * std(x);
            case STONE:
                return stone(x, first, last);
            case DOANE:
                return doane(x);
            case FD:
                return fd(x);
            case AUTO: {
                double fd = fd(x);
                double sturges = STURGES.width(x, first, last);
                return fd != 0 ? Math.min(fd, sturges) : sturges;
            }
            default:
                throw new IllegalStateException(name());
        }
    }

    private static double fd(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double iqr = percentile(sorted, 0.75) - percentile(sorted, 0.25);
        return 2.0 * iqr * Math.pow(x.length, -1.0 / 3.0);
    }

    private static double doane(double[] x) {
        int n = x.length;
        if (n > 2) {
            double sg1 = Math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)));
            double sigma = std(x);
            if (sigma > 0.0) {
                double mean = mean(x);
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    double z = (x[i] - mean) / sigma;
                    t[i] = z * z * z;
                }
                double g1 = mean(t);
                return ptp(x) / (1.0 + log2(n) + log2(1.0 + Math.abs(g1) / sg1));
            }
        }
        return 0.0;
    }

    private static double stone(double[] x, double first, double last) {
        int n = x.length;
        double ptp = ptp(x);
        if (n <= 1 || ptp == 0) {
            return 0;
        }
        int upper = Math.max(100, (int) Math.sqrt(n));
        int best = 1;
        double bestValue = Double.POSITIVE_INFINITY;
        // x is trimmed to [first, last]: counts from the sorted data by binary search at each edge,
        // O(bins log n) per bin count instead of a pass over the data
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        for (int nbins = 1; nbins <= upper; nbins++) {
            double hh = ptp / nbins;
            double[] edges = linspace(first, last, nbins);
            double dot = 0;
            int below = 0;
            for (int i = 0; i < nbins; i++) {
                int next = i == nbins - 1 ? n : lowerBound(sorted, edges[i + 1]);
                double p = (double) (next - below) / n;
                dot += p * p;
                below = next;
            }
            double jhat = (2 - (n + 1) * dot) / hh;
            if (jhat < bestValue) {
                bestValue = jhat;
                best = nbins;
            }
        }
        return ptp / best;
    }

    /** Number of sorted values below v. */
    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** numpy's linear-interpolation percentile (its {@code _lerp}) of sorted data at quantile q. */
    static double percentile(double[] sorted, double q) {
        double virtual = q * (sorted.length - 1);
        int previous = (int) Math.floor(virtual);
        int next = Math.min(previous + 1, sorted.length - 1);
        double gamma = virtual - previous;
        double a = sorted[previous];
        double b = sorted[next];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    private static double log2(int n) {
        if ((n & (n - 1)) == 0) {
            return Integer.numberOfTrailingZeros(n);
        }
        return Math.log(n) / Math.log(2);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static double ptp(double[] x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** Mean by pairwise summation, as numpy's add.reduce. */
    static double mean(double[] x) {
        return pairwiseSum(x, 0, x.length) / x.length;
    }

    /** Population standard deviation, as np.std. */
    static double std(double[] x) {
        double mean = mean(x);
        double[] sq = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double t = x[i] - mean;
            sq[i] = t * t;
        }
        return Math.sqrt(pairwiseSum(sq, 0, sq.length) / x.length);
    }

    /** numpy's pairwise summation (blocks of 8 partial sums below 128 elements). */
    private static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    /** numpy's linspace(first, last, bins + 1): i * step + first, the last edge exactly {@code last}. */
    public static double[] linspace(double first, double last, int bins) {
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = step == 0 ? (double) i / bins * (last - first) + first : i * step + first;
        }
        edges[bins] = last;
        return edges;
    }
}
