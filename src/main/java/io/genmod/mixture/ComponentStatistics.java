package io.genmod.mixture;

/**
 * Weighted sufficient statistics of the points of a pass, per component j, centred at the component's
 * mean c_j of the pass: N_j = sum r_nj, S1_j = sum r_nj (x_n - c_j), S2_j = sum r_nj (x_n - c_j)(x_n - c_j)^T
 * (lower triangle, row-major d x d, for full and tied; the diagonal only, d values, for diag and
 * spherical). Centring keeps the second moments free of cancellation. A mutable accumulator of one pass.
 */
final class ComponentStatistics {

    final int k;
    final int d;
    final boolean fullMatrices;
    /** Sum over points of log p(x_n); 0 when the pass was given responsibilities. */
    double logLikelihood;
    final double[] n;
    final double[][] s1;
    final double[][] s2;

    ComponentStatistics(int k, int d, boolean fullMatrices) {
        this.k = k;
        this.d = d;
        this.fullMatrices = fullMatrices;
        this.n = new double[k];
        this.s1 = new double[k][d];
        this.s2 = new double[k][fullMatrices ? d * d : d];
    }

    /** A copy of the statistics of EM's blocked pass (same centring and layout). */
    static ComponentStatistics of(EmEngine.Statistics e, boolean fullMatrices) {
        int k = e.nk.length;
        int d = e.first[0].length;
        ComponentStatistics c = new ComponentStatistics(k, d, fullMatrices);
        c.logLikelihood = e.logLikelihood;
        for (int j = 0; j < k; j++) {
            c.n[j] = e.nk[j];
            System.arraycopy(e.first[j], 0, c.s1[j], 0, d);
            System.arraycopy(e.second[j], 0, c.s2[j], 0, c.s2[j].length);
        }
        return c;
    }

    /** Adds {@code other} to this. */
    void add(ComponentStatistics other) {
        logLikelihood += other.logLikelihood;
        for (int j = 0; j < k; j++) {
            n[j] += other.n[j];
            double[] a = s1[j];
            double[] b = other.s1[j];
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            a = s2[j];
            b = other.s2[j];
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
        }
    }
}
