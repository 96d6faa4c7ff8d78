package io.genmod.kde;

/**
 * The multi-indices of the truncated expansion e^(u.v) = sum_(|alpha| < p) u^alpha v^alpha / alpha! + R_p, in
 * order of total degree so that each order p uses a prefix of them (the expansion of the improved fast
 * Gauss transform, Yang, Duraiswami, Gumerov and Davis 2003). Since sum_(|alpha| = k) u^alpha v^alpha /
 * alpha! = (u.v)^k / k!, R_p is the Taylor remainder of e^x at x = u.v, |x| <= rho = |u| |v|:
 * |R_p| <= rho^p / p! e^rho, and e^x >= e^-rho, so the relative error is at most rho^p / p! e^(2 rho).
 * Each monomial is its parent's times one coordinate, which lets loops build them over arrays of points.
 */
final class GaussTaylor {

    /** Largest number of terms kept (bounds the scratch memory of a leaf pair). */
    static final int MAX_TERMS = 120;

    /** Term j > 0 is term parent[j] times coordinate dim[j]; term 0 is 1. */
    final int[] parent;
    final int[] dim;
    /** 1 / alpha! of each term. */
    final double[] invFactorial;
    /** termsBelow[p]: number of terms of total degree below p, for p = 0 .. maxOrder. */
    final int[] termsBelow;
    final int maxOrder;

    GaussTaylor(int d) {
        int[] par = new int[MAX_TERMS];
        int[] dm = new int[MAX_TERMS];
        int[] lead = new int[MAX_TERMS];
        int[][] alpha = new int[MAX_TERMS][];
        double[] inv = new double[MAX_TERMS];
        int[] below = new int[MAX_TERMS + 2];
        alpha[0] = new int[d];
        inv[0] = 1;
        int count = 1;
        below[0] = 0;
        below[1] = 1;
        int order = 1;
        grow:
        while (true) {
            int first = below[order - 1];
            int last = below[order];
            int added = count;
            // each multi-index of degree `order` once: extend a degree order-1 index in dimensions >= its lead
            for (int j = first; j < last; j++) {
                for (int k = lead[j]; k < d; k++) {
                    if (added == MAX_TERMS) {
                        break grow;
                    }
                    int[] a = alpha[j].clone();
                    a[k]++;
                    alpha[added] = a;
                    par[added] = j;
                    dm[added] = k;
                    lead[added] = k;
                    inv[added] = inv[j] / a[k];
                    added++;
                }
            }
            count = added;
            order++;
            below[order] = count;
        }
        this.maxOrder = order;
        this.termsBelow = java.util.Arrays.copyOf(below, order + 1);
        this.parent = java.util.Arrays.copyOf(par, count);
        this.dim = java.util.Arrays.copyOf(dm, count);
        this.invFactorial = java.util.Arrays.copyOf(inv, count);
    }

    /**
     * The smallest order p <= maxOrder whose relative error bound rho^p / p! e^(2 rho) is at most
     * {@code epsilon}, or -1 (also for rho >= 1, where the truncated series could be negative).
     */
    int order(double rho, double epsilon) {
        if (!(rho < 1)) {
            return -1;
        }
        double bound = Math.exp(2 * rho);
        for (int p = 1; p <= maxOrder; p++) {
            bound *= rho / p;
            if (bound <= epsilon) {
                return p;
            }
        }
        return -1;
    }
}
