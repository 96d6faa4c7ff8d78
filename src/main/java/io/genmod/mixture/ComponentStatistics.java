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

    /**
     * The statistics of EM's blocked pass (same centring and layout). For tied covariances that pass keeps no
     * second moments; their sum over components follows from the data's scatter D about its mean c (rows'
     * responsibilities sum to 1): sum_j S2_j = D - sum_j (s1_j e_j^T + e_j s1_j^T + N_j e_j e_j^T) with
     * e_j = mu_j - c, and is stored as component 0's (every consumer of tied statistics only uses the sum).
     *
     * @param centres the means of the pass. Not modified.
     * @param data the data's mean and scatter, for tied covariances (else null). Not modified.
     */
    static ComponentStatistics of(EmEngine.Statistics e, CovarianceType type, double[][] centres, DataScatter data) {
        int k = e.nk.length;
        int d = e.first[0].length;
        boolean full = type == CovarianceType.FULL || type == CovarianceType.TIED;
        ComponentStatistics c = new ComponentStatistics(k, d, full);
        c.logLikelihood = e.logLikelihood;
        for (int j = 0; j < k; j++) {
            c.n[j] = e.nk[j];
            System.arraycopy(e.first[j], 0, c.s1[j], 0, d);
            if (type != CovarianceType.TIED) {
                System.arraycopy(e.second[j], 0, c.s2[j], 0, c.s2[j].length);
            }
        }
        if (type == CovarianceType.TIED) {
            double[] pooled = c.s2[0];
            System.arraycopy(data.scatter(), 0, pooled, 0, d * d);
            double[] ej = new double[d];
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    ej[a] = centres[j][a] - data.mean()[a];
                }
                double[] s1 = c.s1[j];
                double nj = c.n[j];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        pooled[a * d + b] -= s1[a] * ej[b] + ej[a] * s1[b] + nj * ej[a] * ej[b];
                    }
                }
            }
        }
        return c;
    }

    /**
     * A data set's mean and scatter sum_i (x_i - c)(x_i - c)^T (lower triangle, row-major d x d), two-pass.
     */
    record DataScatter(double[] mean, double[] scatter) {

        static DataScatter of(double[][] x) {
            int d = x[0].length;
            double[] mean = new double[d];
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    mean[a] += row[a];
                }
            }
            for (int a = 0; a < d; a++) {
                mean[a] /= x.length;
            }
            double[] scatter = new double[d * d];
            double[] u = new double[d];
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    u[a] = row[a] - mean[a];
                }
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        scatter[a * d + b] += u[a] * u[b];
                    }
                }
            }
            return new DataScatter(mean, scatter);
        }
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
