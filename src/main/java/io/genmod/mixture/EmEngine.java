package io.genmod.mixture;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * EM iterations over one data set, one pass over the data per iteration. The pass evaluates, at the current
 * parameters, the log-likelihood and the responsibilities (E-step, log-sum-exp per row) and accumulates the
 * sufficient statistics of the next parameters (N_j, sums and scatter matrices about the current means), from
 * which the M-step forms weights, means and covariances exactly as {@link MaximumLikelihood#estimate}.
 *
 * <p>Rows are packed into blocks of {@link #BLOCK} points stored column by column, so that every inner loop
 * runs over the points of a block (which the JIT vectorises): the triangular solve L z = x - mu is a sequence
 * of row operations over the block. Blocks are grouped into a fixed number of chunks, each with its own
 * accumulator; chunks run in parallel (common fork-join pool) and are merged in chunk order, so that the
 * result does not depend on the number of threads or their scheduling.
 */
final class EmEngine {

    /** Points per block: the block of one component's work (d + k rows of BLOCK doubles) stays in L1/L2. */
    static final int BLOCK = 128;
    /** Upper bound on the number of chunks (units of parallel work and of deterministic reduction). */
    static final int MAX_CHUNKS = 64;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /**
     * Responsibilities below this are left out of the M-step sums: over a million points they add less
     * than 1e-14 to any N_j, beneath the rounding of the sums themselves.
     */
    static final double NEGLIGIBLE = 1e-20;

    private final int n;
    private final int d;
    private final CovarianceType type;
    private final double regularization;
    private final boolean fullScatter;
    private final int scatterSize;
    /** packed[b][a][p] = x[b * BLOCK + p][a]: each block column by column. */
    private final double[][][] packed;
    private final int blocks;
    private final int chunks;
    private final double[] noiseFloor;

    EmEngine(double[][] x, CovarianceType type, double regularization) {
        this.n = x.length;
        this.d = x[0].length;
        this.type = type;
        this.regularization = regularization;
        this.fullScatter = type == CovarianceType.FULL || type == CovarianceType.TIED;
        this.scatterSize = fullScatter ? d * d : d;
        this.blocks = (n + BLOCK - 1) / BLOCK;
        this.chunks = Math.min(blocks, MAX_CHUNKS);
        this.packed = new double[blocks][d][BLOCK];
        IntStream.range(0, blocks).parallel().forEach(b -> {
            double[][] block = packed[b];
            int from = b * BLOCK;
            int len = Math.min(BLOCK, n - from);
            for (int p = 0; p < len; p++) {
                double[] row = x[from + p];
                for (int a = 0; a < d; a++) {
                    block[a][p] = row[a];
                }
            }
        });
        this.noiseFloor = MaximumLikelihood.noiseFloor(x);
    }

    /** The result of EM from one start: trace[0] at the start, trace[i] after the i-th update. */
    record Run(GaussianMixture model, double logLikelihood, int iterations, boolean converged, double[] trace) {
    }

    Run run(GaussianMixture initial, int maxIterations, double tolerance) {
        double[] trace = new double[maxIterations + 1];
        GaussianMixture current = initial;
        Statistics stats = pass(current);
        trace[0] = stats.logLikelihood / n;
        double ll = stats.logLikelihood;
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations) {
            GaussianMixture next = stats.mStep(current);
            stats = pass(next);
            current = next;
            ll = stats.logLikelihood;
            iterations++;
            trace[iterations] = ll / n;
            if (Math.abs(trace[iterations] - trace[iterations - 1]) < tolerance) {
                converged = true;
                break;
            }
        }
        return new Run(current, ll, iterations, converged, Arrays.copyOf(trace, iterations + 1));
    }

    /** Log-likelihood at {@code m} and the sufficient statistics of the next M-step. */
    Statistics pass(GaussianMixture m) {
        Parameters params = new Parameters(m);
        Statistics[] partial = new Statistics[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Statistics s = new Statistics(params.k);
            Scratch scratch = new Scratch(params.k);
            int from = (int) ((long) c * blocks / chunks);
            int to = (int) ((long) (c + 1) * blocks / chunks);
            for (int b = from; b < to; b++) {
                block(b, params, s, scratch);
            }
            partial[c] = s;
        });
        Statistics total = partial[0];
        for (int c = 1; c < chunks; c++) {
            total.add(partial[c]);
        }
        return total;
    }

    /** The current parameters in the form the pass needs. */
    private final class Parameters {
        final int k;
        final double[][] means;
        /** Lower Cholesky factor per component, row-major; only the diagonal for diag and spherical. */
        final double[][] factor;
        final double[][] inverseDiagonal;
        /** log w_j - d/2 log 2 pi - log det L_j. */
        final double[] constant;

        Parameters(GaussianMixture m) {
            k = m.components();
            means = m.means();
            factor = new double[k][];
            inverseDiagonal = new double[k][d];
            constant = new double[k];
            double[] w = m.weights();
            for (int j = 0; j < k; j++) {
                factor[j] = m.choleskyFactor(j);
                double logDet = 0;
                for (int a = 0; a < d; a++) {
                    double l = factor[j][a * d + a];
                    inverseDiagonal[j][a] = 1 / l;
                    logDet += Math.log(l);
                }
                constant[j] = Math.log(w[j]) - 0.5 * d * LOG_2PI - logDet;
            }
        }
    }

    /** Per-task work arrays: z (or x - mu), weighted differences, log-densities then responsibilities. */
    private final class Scratch {
        final double[][] z = new double[d][BLOCK];
        final double[][] weighted = new double[d][BLOCK];
        final double[] q = new double[BLOCK];
        final double[] r = new double[BLOCK];
        final int[] index = new int[BLOCK];
        final double[] max = new double[BLOCK];
        final double[] sum = new double[BLOCK];
        final double[][] log;
        final double[] expWork = new double[BLOCK];

        Scratch(int k) {
            log = new double[k][BLOCK];
        }
    }

    /** Sufficient statistics about the means of the parameters they were computed at. */
    final class Statistics {
        double logLikelihood;
        final double[] nk;
        /** sum_i r_ij (x_i - mu_j), k x d. */
        final double[][] first;
        /** sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T, lower triangle row-major (full, tied) or its diagonal. */
        final double[][] second;

        Statistics(int k) {
            nk = new double[k];
            first = new double[k][d];
            second = new double[k][scatterSize];
        }

        void add(Statistics o) {
            logLikelihood += o.logLikelihood;
            for (int j = 0; j < nk.length; j++) {
                nk[j] += o.nk[j];
                double[] f = first[j];
                double[] of = o.first[j];
                for (int a = 0; a < d; a++) {
                    f[a] += of[a];
                }
                double[] s = second[j];
                double[] os = o.second[j];
                for (int a = 0; a < s.length; a++) {
                    s[a] += os[a];
                }
            }
        }

        /**
         * The M-step from statistics gathered about the means c_j of {@code at}: with N_j = n_j + 10 eps,
         * mu_j = (n_j c_j + s_j) / N_j and, for delta = mu_j - c_j, the scatter about mu_j is
         * S_j - s_j delta^T - delta s_j^T + n_j delta delta^T (scikit-learn's two-pass formula, rearranged).
         */
        GaussianMixture mStep(GaussianMixture at) {
            int k = nk.length;
            double[][] centres = at.means();
            double[] guarded = new double[k];
            double[][] means = new double[k][d];
            double[][][] scatter = new double[k][d][d];
            double total = 0;
            for (int j = 0; j < k; j++) {
                guarded[j] = nk[j] + MaximumLikelihood.EMPTY_COMPONENT_GUARD;
                total += guarded[j];
                double[] delta = new double[d];
                for (int a = 0; a < d; a++) {
                    means[j][a] = (nk[j] * centres[j][a] + first[j][a]) / guarded[j];
                    delta[a] = means[j][a] - centres[j][a];
                }
                for (int a = 0; a < d; a++) {
                    if (fullScatter) {
                        for (int b = 0; b <= a; b++) {
                            scatter[j][a][b] = second[j][a * d + b] - first[j][a] * delta[b] - delta[a] * first[j][b]
                                    + nk[j] * delta[a] * delta[b];
                        }
                    } else {
                        scatter[j][a][a] = second[j][a] - 2 * first[j][a] * delta[a] + nk[j] * delta[a] * delta[a];
                    }
                }
            }
            double[][][] cov = MaximumLikelihood.covariances(type, guarded, scatter, regularization);
            MaximumLikelihood.checkPositiveDefinite(cov, noiseFloor);
            double[] weights = new double[k];
            for (int j = 0; j < k; j++) {
                weights[j] = guarded[j] / total;
            }
            return MaximumLikelihood.build(type, weights, means, cov);
        }
    }

    /** E-step and statistics for block {@code b}. */
    private void block(int b, Parameters params, Statistics s, Scratch w) {
        double[][] x = packed[b];
        int len = Math.min(BLOCK, n - b * BLOCK);
        int k = params.k;
        double[][] log = w.log;
        for (int j = 0; j < k; j++) {
            logDensities(x, len, params, j, w);
        }
        // log-sum-exp over the components of each point (Bishop, PRML eq. 9.23 in log space)
        double[] max = w.max;
        double[] sum = w.sum;
        System.arraycopy(log[0], 0, max, 0, len);
        for (int j = 1; j < k; j++) {
            double[] lj = log[j];
            for (int p = 0; p < len; p++) {
                max[p] = Math.max(max[p], lj[p]);
            }
        }
        Arrays.fill(sum, 0, len, 0);
        for (int j = 0; j < k; j++) {
            double[] lj = log[j];
            for (int p = 0; p < len; p++) {
                lj[p] -= max[p];
            }
            VectorExp.expInPlace(lj, w.expWork, 0, len);
            for (int p = 0; p < len; p++) {
                sum[p] += lj[p];
            }
        }
        double ll = 0;
        for (int p = 0; p < len; p++) {
            ll += max[p] + Math.log(sum[p]);
            sum[p] = 1 / sum[p];
        }
        s.logLikelihood += ll;
        for (int j = 0; j < k; j++) {
            accumulate(x, len, params.means[j], j, s, w);
        }
    }

    /** log(w_j N(x | mu_j, Sigma_j)) of the block's points into row j of the scratch log array. */
    private void logDensities(double[][] x, int len, Parameters params, int j, Scratch w) {
        double[][] z = w.z;
        double[] q = w.q;
        Arrays.fill(q, 0, len, 0);
        double[] mu = params.means[j];
        double[] l = params.factor[j];
        double[] inv = params.inverseDiagonal[j];
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double ma = mu[a];
            double ia = inv[a];
            if (!fullScatter) {
                for (int p = 0; p < len; p++) {
                    double v = (xa[p] - ma) * ia;
                    q[p] += v * v;
                }
                continue;
            }
            // forward substitution as row operations over the block: z_a = (x_a - mu_a - sum_{m<a} L_am z_m) / L_aa
            double[] za = z[a];
            for (int p = 0; p < len; p++) {
                za[p] = xa[p] - ma;
            }
            int row = a * d;
            int m = 0;
            for (; m + 3 < a; m += 4) {
                double l0 = l[row + m];
                double l1 = l[row + m + 1];
                double l2 = l[row + m + 2];
                double l3 = l[row + m + 3];
                double[] z0 = z[m];
                double[] z1 = z[m + 1];
                double[] z2 = z[m + 2];
                double[] z3 = z[m + 3];
                for (int p = 0; p < len; p++) {
                    za[p] -= l0 * z0[p] + l1 * z1[p] + (l2 * z2[p] + l3 * z3[p]);
                }
            }
            for (; m < a; m++) {
                double lm = l[row + m];
                double[] zm = z[m];
                for (int p = 0; p < len; p++) {
                    za[p] -= lm * zm[p];
                }
            }
            for (int p = 0; p < len; p++) {
                double v = za[p] * ia;
                za[p] = v;
                q[p] += v * v;
            }
        }
        double c = params.constant[j];
        double[] lj = w.log[j];
        for (int p = 0; p < len; p++) {
            lj[p] = c - 0.5 * q[p];
        }
    }

    /**
     * Responsibilities of component j (row j of the scratch holds exp(log p_j - max); sum holds 1 / sum) and
     * their sums, first and second moments about mu_j. Points whose responsibility is below
     * {@link #NEGLIGIBLE} are left out: they change no sum by more than its rounding.
     */
    private void accumulate(double[][] x, int len, double[] mu, int j, Statistics s, Scratch w) {
        double[] lj = w.log[j];
        double[] inverseSum = w.sum;
        int[] index = w.index;
        double[] r = w.r;
        int count = 0;
        double nj = 0;
        for (int p = 0; p < len; p++) {
            double v = lj[p] * inverseSum[p];
            if (v >= NEGLIGIBLE) {
                index[count] = p;
                r[count] = v;
                count++;
                nj += v;
            }
        }
        if (count == 0) {
            return;
        }
        s.nk[j] += nj;
        double[][] z = w.z;
        double[][] weighted = w.weighted;
        double[] first = s.first[j];
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double[] za = z[a];
            double[] wa = weighted[a];
            double ma = mu[a];
            if (count == len) {
                for (int p = 0; p < len; p++) {
                    za[p] = xa[p] - ma;
                }
            } else {
                for (int c = 0; c < count; c++) {
                    za[c] = xa[index[c]] - ma;
                }
            }
            for (int c = 0; c < count; c++) {
                wa[c] = r[c] * za[c];
            }
            first[a] += sum(wa, count);
        }
        double[] second = s.second[j];
        if (fullScatter) {
            for (int a = 0; a < d; a++) {
                for (int bb = 0; bb <= a; bb++) {
                    second[a * d + bb] += dot(weighted[a], z[bb], count);
                }
            }
        } else {
            for (int a = 0; a < d; a++) {
                second[a] += dot(weighted[a], z[a], count);
            }
        }
    }

    private static double sum(double[] u, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < len; p += 4) {
            s0 += u[p];
            s1 += u[p + 1];
            s2 += u[p + 2];
            s3 += u[p + 3];
        }
        for (; p < len; p++) {
            s0 += u[p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** sum_p u[p] v[p] with four independent partial sums. */
    private static double dot(double[] u, double[] v, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int p = 0;
        for (; p + 3 < len; p += 4) {
            s0 += u[p] * v[p];
            s1 += u[p + 1] * v[p + 1];
            s2 += u[p + 2] * v[p + 2];
            s3 += u[p + 3] * v[p + 3];
        }
        for (; p < len; p++) {
            s0 += u[p] * v[p];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
