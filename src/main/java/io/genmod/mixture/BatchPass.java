package io.genmod.mixture;

import java.util.stream.IntStream;

/**
 * The exact statistics of one mini-batch at a time, for gradient ascent: each epoch's shuffled rows are packed
 * into column-major blocks of {@link #BLOCK} points (a batch takes whole blocks), and a batch's blocks are split
 * into a fixed number of tasks that run in parallel, each with its own preallocated scratch and accumulator,
 * summed in task order (so results do not depend on scheduling). The per-block arithmetic follows
 * {@link EmEngine}: the triangular solve and the moments run as loops over the points of a block, and the
 * exponentials go through {@link VectorExp}.
 */
final class BatchPass {

    static final int BLOCK = 128;
    /** Blocks per task: a batch of 1024 points runs as two tasks. */
    private static final int BLOCKS_PER_TASK = 4;

    private final CovarianceType type;
    private final boolean full;
    private final int k;
    private final int d;
    private final int batch;
    private final int blocksPerBatch;
    private final int batches;
    /** packed[b][a][p]: block b, dimension a, point p. */
    private final double[][][] packed;
    private final int[] blockLength;
    private final Scratch[] scratch;

    BatchPass(CovarianceType type, int k, int d, int n, int batch) {
        this.type = type;
        this.full = type == CovarianceType.FULL || type == CovarianceType.TIED;
        this.k = k;
        this.d = d;
        this.batch = batch;
        this.blocksPerBatch = (batch + BLOCK - 1) / BLOCK;
        this.batches = (n + batch - 1) / batch;
        this.packed = new double[batches * blocksPerBatch][d][BLOCK];
        this.blockLength = new int[packed.length];
        for (int b = 0; b < batches; b++) {
            int size = Math.min(batch, n - b * batch);
            for (int i = 0; i < blocksPerBatch; i++) {
                blockLength[b * blocksPerBatch + i] = Math.max(0, Math.min(BLOCK, size - i * BLOCK));
            }
        }
        int tasks = (blocksPerBatch + BLOCKS_PER_TASK - 1) / BLOCKS_PER_TASK;
        this.scratch = new Scratch[tasks];
        for (int t = 0; t < tasks; t++) {
            scratch[t] = new Scratch();
        }
    }

    int batches() {
        return batches;
    }

    int batchSize(int b) {
        int size = 0;
        for (int i = 0; i < blocksPerBatch; i++) {
            size += blockLength[b * blocksPerBatch + i];
        }
        return size;
    }

    /** Packs the rows x[order[i]] batch by batch. */
    void pack(double[][] x, int[] order) {
        IntStream.range(0, batches).parallel().forEach(b -> {
            for (int i = 0; i < blocksPerBatch; i++) {
                int block = b * blocksPerBatch + i;
                double[][] target = packed[block];
                int from = b * batch + i * BLOCK;
                for (int p = 0; p < blockLength[block]; p++) {
                    double[] row = x[order[from + p]];
                    for (int a = 0; a < d; a++) {
                        target[a][p] = row[a];
                    }
                }
            }
        });
    }

    /** Statistics of batch {@code b} at the parameters of {@code kernel}, centred at its means. */
    ComponentStatistics pass(int b, MixtureKernel kernel) {
        int tasks = scratch.length;
        IntStream.range(0, tasks).parallel().forEach(t -> {
            Scratch s = scratch[t];
            s.reset();
            int first = b * blocksPerBatch + t * BLOCKS_PER_TASK;
            int last = Math.min((b + 1) * blocksPerBatch, first + BLOCKS_PER_TASK);
            for (int block = first; block < last; block++) {
                if (blockLength[block] > 0) {
                    block(packed[block], blockLength[block], kernel, s);
                }
            }
        });
        ComponentStatistics total = new ComponentStatistics(k, d, full);
        for (Scratch s : scratch) {
            total.add(s.stats);
        }
        return total;
    }

    private final class Scratch {
        final ComponentStatistics stats = new ComponentStatistics(k, d, full);
        final double[][] z = new double[d][BLOCK];
        final double[][] weighted = new double[d][BLOCK];
        final double[][] log = new double[k][BLOCK];
        final double[] q = new double[BLOCK];
        final double[] max = new double[BLOCK];
        final double[] sum = new double[BLOCK];
        final double[] expWork = new double[BLOCK];
        final double[] kept = new double[BLOCK];
        final int[] index = new int[BLOCK];

        void reset() {
            stats.logLikelihood = 0;
            java.util.Arrays.fill(stats.n, 0);
            for (int j = 0; j < k; j++) {
                java.util.Arrays.fill(stats.s1[j], 0);
                java.util.Arrays.fill(stats.s2[j], 0);
            }
        }
    }

    private void block(double[][] x, int len, MixtureKernel kernel, Scratch w) {
        for (int j = 0; j < k; j++) {
            logTerms(x, len, kernel, j, w);
        }
        double[] max = w.max;
        double[] sum = w.sum;
        System.arraycopy(w.log[0], 0, max, 0, len);
        for (int j = 1; j < k; j++) {
            double[] lj = w.log[j];
            for (int p = 0; p < len; p++) {
                max[p] = Math.max(max[p], lj[p]);
            }
        }
        java.util.Arrays.fill(sum, 0, len, 0);
        for (int j = 0; j < k; j++) {
            double[] lj = w.log[j];
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
        w.stats.logLikelihood += ll;
        for (int j = 0; j < k; j++) {
            accumulate(x, len, kernel.means[j], j, w);
        }
    }

    /** l_j = c_j - |L_j^-1 (x - mu_j)|^2 / 2 for the block's points, into row j of the scratch. */
    private void logTerms(double[][] x, int len, MixtureKernel kernel, int j, Scratch w) {
        double[][] z = w.z;
        double[] q = w.q;
        java.util.Arrays.fill(q, 0, len, 0);
        double[] mu = kernel.means[j];
        double[] f = kernel.factors[type == CovarianceType.TIED ? 0 : j];
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double ma = mu[a];
            if (!full) {
                double ia = type == CovarianceType.DIAG ? f[a] : f[0];
                for (int p = 0; p < len; p++) {
                    double v = (xa[p] - ma) * ia;
                    q[p] += v * v;
                }
                continue;
            }
            double[] za = z[a];
            for (int p = 0; p < len; p++) {
                za[p] = xa[p] - ma;
            }
            int row = a * d;
            for (int m = 0; m < a; m++) {
                double lm = f[row + m];
                double[] zm = z[m];
                for (int p = 0; p < len; p++) {
                    za[p] -= lm * zm[p];
                }
            }
            double ia = 1 / f[row + a];
            for (int p = 0; p < len; p++) {
                double v = za[p] * ia;
                za[p] = v;
                q[p] += v * v;
            }
        }
        double c = kernel.logConstants[j];
        double[] lj = w.log[j];
        for (int p = 0; p < len; p++) {
            lj[p] = c - 0.5 * q[p];
        }
    }

    /**
     * Responsibilities of component j (row j holds exp(l_j - max), sum holds 1 / sum) and their moments about
     * mu_j, over the points whose responsibility is at least {@link EmEngine#NEGLIGIBLE} (as EM's pass does:
     * the others change no sum by more than its rounding), compacted so that the moment loops stay dense.
     */
    private void accumulate(double[][] x, int len, double[] mu, int j, Scratch w) {
        double[] row = w.log[j];
        double[] inverseSum = w.sum;
        double[] r = w.kept;
        int[] index = w.index;
        int count = 0;
        double nj = 0;
        for (int p = 0; p < len; p++) {
            double v = row[p] * inverseSum[p];
            if (v >= EmEngine.NEGLIGIBLE) {
                index[count] = p;
                r[count] = v;
                count++;
                nj += v;
            }
        }
        if (count == 0) {
            return;
        }
        ComponentStatistics s = w.stats;
        s.n[j] += nj;
        double[][] z = w.z;
        double[][] weighted = w.weighted;
        double[] first = s.s1[j];
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double[] za = z[a];
            double[] wa = weighted[a];
            double ma = mu[a];
            if (count == len) {
                for (int c = 0; c < len; c++) {
                    za[c] = xa[c] - ma;
                }
            } else {
                for (int c = 0; c < count; c++) {
                    za[c] = xa[index[c]] - ma;
                }
            }
            double total = 0;
            for (int c = 0; c < count; c++) {
                double rv = r[c] * za[c];
                wa[c] = rv;
                total += rv;
            }
            first[a] += total;
        }
        double[] second = s.s2[j];
        if (full) {
            for (int a = 0; a < d; a++) {
                double[] wa = weighted[a];
                for (int bb = 0; bb <= a; bb++) {
                    double[] zb = z[bb];
                    double total = 0;
                    for (int c = 0; c < count; c++) {
                        total += wa[c] * zb[c];
                    }
                    second[a * d + bb] += total;
                }
            }
        } else {
            for (int a = 0; a < d; a++) {
                double[] wa = weighted[a];
                double[] za = z[a];
                double total = 0;
                for (int c = 0; c < count; c++) {
                    total += wa[c] * za[c];
                }
                second[a] += total;
            }
        }
    }
}
