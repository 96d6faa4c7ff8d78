package io.genmod.mixture;

import static io.genmod.math.ArraySums.sum;
import static io.genmod.mixture.BlockArithmetic.addLowerScatter;
import static io.genmod.mixture.BlockArithmetic.logLikelihood;
import static io.genmod.mixture.BlockArithmetic.solveRow;
import static io.genmod.mixture.BlockArithmetic.weightAndSum;

import io.genmod.core.FitProgress;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * EM iterations over one data set, one pass over the data per iteration. The pass evaluates, at the current
 * parameters, the log-likelihood and the responsibilities (E-step, log-sum-exp per row) and accumulates the
 * sufficient statistics of the next parameters (N_j, sums and scatter matrices about the current means; for
 * tied covariances only the sums, the pooled scatter following from the data's own scatter), from which the
 * M-step forms weights, means and covariances exactly as {@link MaximumLikelihood#estimate}.
 *
 * <p>Rows are packed into blocks of {@link #BLOCK} points stored column by column, so that every inner loop
 * runs over the points of a block (which the JIT vectorises): the triangular solve L z = x - mu is a sequence
 * of row operations over the block. Blocks are grouped into a fixed number of chunks, each with its own
 * accumulator; chunks run in parallel (common fork-join pool) and are merged in chunk order, so that the
 * result does not depend on the number of threads or their scheduling.
 *
 * <p>After a run's first pass, the points of each chunk are regrouped by the set of components responsible
 * for them (responsibility possibly above {@link #NEGLIGIBLE}); a block then skips, with no exponential and
 * no moments, every component whose responsibilities are all negligible for its points. A block evaluates
 * first the components that were responsible for its points when they were grouped; for the others the
 * Mahalanobis sums, which only grow dimension by dimension, stop as soon as they show the component
 * negligible for every point. On well-separated clusters this skips most (block, component) pairs; the
 * results change only in rounding.
 */
final class EmEngine {

    /** Points per block: the block of one component's work (d + k rows of BLOCK doubles) stays in L1/L2. */
    static final int BLOCK = 128;
    /** Upper bound on the number of chunks (units of parallel work and of deterministic reduction). */
    static final int MAX_CHUNKS = 64;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /**
     * Responsibilities below this are left out: of the M-step sums, and of the log-sum-exp when
     * exp(l_j - max) < 1e-15 (next to exp(0) = 1), which bounds the responsibility from above. Each point's
     * log-likelihood is then low by less than (k - 1) 1e-15, relative about 1e-15 over a pass: beneath the
     * rounding of a sum over a million points.
     */
    static final double NEGLIGIBLE = 1e-15;
    private static final double LOG_NEGLIGIBLE = Math.log(NEGLIGIBLE);
    /** Kept points gathered per component before their moments are summed (long loops for the sums). */
    static final int KEPT_CAPACITY = BLOCK;

    private final int n;
    private final int d;
    private final CovarianceType type;
    private final double regularization;
    private final boolean fullScatter;
    private final int scatterSize;
    private final double[][] rows;
    /**
     * packed[b][a][p] = rows[order[b * BLOCK + p]][a]: each block column by column; filled, by the thread that
     * uses it, just before the block is first used (by a grouping pass or, before any, by a plain one).
     */
    private final double[][][] packed;
    private boolean filled;
    /** The row at each packed position: the identity until {@link #groupChunk} reorders the points. */
    private final int[] order;
    /**
     * Per block, the components expected to be responsible for its points (bit j mod 64 for component j): those
     * of its points' keys just after grouping, later those found responsible in the pass before; null before
     * grouping. Only the order of work depends on it, not the results.
     */
    private long[] expected;
    /** Per block, the components found responsible in the latest pass: the next pass's {@link #expected}. */
    private long[] responsible;
    private final int blocks;
    private final int chunks;
    private final double[] noiseFloor;
    /** Work arrays of finished tasks, reused by later ones (about 0.2 MB each at k = 16, d = 10). */
    private final ConcurrentLinkedQueue<Scratch> idleScratch = new ConcurrentLinkedQueue<>();
    /** Tied: the data's mean c and scatter sum_i (x_i - c)(x_i - c)^T (lower triangle), fixed for all passes. */
    private final double[] dataMean;
    private final double[][] dataScatter;

    EmEngine(double[][] x, CovarianceType type, double regularization) {
        this.rows = x;
        this.n = x.length;
        this.d = x[0].length;
        this.type = type;
        this.regularization = regularization;
        this.fullScatter = type == CovarianceType.FULL || type == CovarianceType.TIED;
        this.scatterSize = fullScatter ? d * d : d;
        this.blocks = (n + BLOCK - 1) / BLOCK;
        this.chunks = Math.min(blocks, MAX_CHUNKS);
        this.packed = new double[blocks][][];
        this.order = identity(n);
        this.responsible = new long[blocks];
        this.noiseFloor = MaximumLikelihood.noiseFloor(x);
        this.dataMean = new double[d];
        this.dataScatter = new double[d][d];
        if (type == CovarianceType.TIED) {
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    dataMean[a] += row[a];
                }
            }
            for (int a = 0; a < d; a++) {
                dataMean[a] /= n;
            }
            double[] v = new double[d];
            for (double[] row : x) {
                for (int a = 0; a < d; a++) {
                    v[a] = row[a] - dataMean[a];
                }
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        dataScatter[a][b] += v[a] * v[b];
                    }
                }
            }
        }
    }

    /** The result of EM from one start: trace[0] at the start, trace[i] after the i-th update. */
    record Run(GaussianMixture model, double logLikelihood, int iterations, boolean converged, double[] trace) {
    }

    /**
     * EM from {@code initial}. The stopping test is scikit-learn's (BaseMixture.fit): after the i-th update it
     * compares the log-likelihoods of the two passes before it, trace[i - 1] - trace[i - 2], and when that
     * change is below {@code tolerance} the i-th update is the last one, as its parameters are already computed.
     * So from the same start the iterations and the parameters are scikit-learn's {@code n_iter_} and fitted
     * parameters; the last trace entry is the log-likelihood at the returned parameters (scikit-learn's
     * {@code lower_bound_} is the one before it). A change below the tolerance found only after the last allowed
     * update is not convergence, as for scikit-learn.
     */
    Run run(GaussianMixture initial, int maxIterations, double tolerance) {
        double[] trace = new double[maxIterations + 1];
        GaussianMixture current = initial;
        Statistics stats = groupingPass(current);
        trace[0] = stats.logLikelihood / n;
        FitProgress.report(0, trace[0]);
        double ll = stats.logLikelihood;
        int iterations = 0;
        boolean converged = false;
        while (iterations < maxIterations && !converged) {
            converged = iterations > 0 && Math.abs(trace[iterations] - trace[iterations - 1]) < tolerance;
            GaussianMixture next = stats.mStep(current);
            stats = pass(next);
            current = next;
            ll = stats.logLikelihood;
            iterations++;
            trace[iterations] = ll / n;
            FitProgress.report(iterations, trace[iterations]);
        }
        return new Run(current, ll, iterations, converged, Arrays.copyOf(trace, iterations + 1));
    }

    /** Copies the rows of block b, in the current {@link #order}, into {@code block}, column by column. */
    private void pack(int b, double[][] block) {
        int first = b * BLOCK;
        int len = Math.min(BLOCK, n - first);
        for (int p = 0; p < len; p++) {
            double[] row = rows[order[first + p]];
            for (int a = 0; a < d; a++) {
                block[a][p] = row[a];
            }
        }
    }

    /**
     * Block b as the pass reads it, packed (and allocated) first when no pass has filled it yet or when the
     * grouping pass reads the rows in their own order.
     */
    private double[][] packed(int b, boolean grouping) {
        if (!filled || grouping) {
            if (packed[b] == null) {
                packed[b] = new double[d][BLOCK];
            }
            pack(b, packed[b]);
        }
        return packed[b];
    }

    /**
     * Reorders the points of chunk c, packed in the rows' own order, by their keys in {@code w}, the set of
     * components responsible for each point (see {@link #pass(GaussianMixture, boolean)}): the points of a block then share
     * the few components responsible for them, and {@link #block} skips the others. Points stay in their chunk,
     * and are moved one coordinate at a time through a column of the chunk's points (small enough for the L2
     * cache). Within a chunk the order is a stable sort of the rows' own order, so it depends only on the rows
     * and the keys. A pass then sums in another order: only its rounding changes.
     */
    private void groupChunk(int c, long[] expectations, Scratch w) {
        int lo = chunkStart(c) * BLOCK;
        int hi = Math.min(n, chunkStart(c + 1) * BLOCK);
        long[] key = w.rowKeys;
        int[] group = w.group;
        int groups = groupIds(key, hi - lo, group, w);
        int[] start = new int[groups + 1];
        for (int i = lo; i < hi; i++) {
            start[group[i - lo] + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        for (int i = lo; i < hi; i++) {
            order[lo + start[group[i - lo]]++] = i;
        }
        double[] column = w.column;
        int first = chunkStart(c);
        int last = chunkStart(c + 1);
        for (int a = 0; a < d; a++) {
            for (int b = first; b < last; b++) {
                System.arraycopy(packed[b][a], 0, column, b * BLOCK - lo, Math.min(BLOCK, n - b * BLOCK));
            }
            for (int b = first; b < last; b++) {
                double[] target = packed[b][a];
                int at = b * BLOCK;
                for (int p = 0; p < Math.min(BLOCK, n - at); p++) {
                    target[p] = column[order[at + p] - lo];
                }
            }
        }
        for (int b = first; b < last; b++) {
            long union = 0;
            for (int i = b * BLOCK; i < Math.min(n, (b + 1) * BLOCK); i++) {
                union |= key[order[i] - lo];
            }
            expectations[b] = union;
        }
    }

    /**
     * Numbers the distinct values of key[0, len) in order of first appearance (open addressing with
     * Fibonacci hashing) into group; returns how many there are.
     */
    private static int groupIds(long[] key, int len, int[] group, Scratch w) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, 2 * len - 1));
        long[] slotKey = w.slotKey;
        int[] slotId = w.slotId;
        Arrays.fill(slotId, 0, 1 << bits, 0);
        int mask = (1 << bits) - 1;
        int groups = 0;
        for (int i = 0; i < len; i++) {
            long v = key[i];
            int slot = (int) ((v * 0x9E3779B97F4A7C15L) >>> (Long.SIZE - bits)) & mask;
            while (slotId[slot] != 0 && slotKey[slot] != v) {
                slot = (slot + 1) & mask;
            }
            if (slotId[slot] == 0) {
                slotKey[slot] = v;
                slotId[slot] = ++groups;
            }
            group[i] = slotId[slot] - 1;
        }
        return groups;
    }

    /** The first block of chunk c (c = chunks gives the number of blocks). */
    private int chunkStart(int c) {
        return (int) ((long) c * blocks / chunks);
    }

    private static int[] identity(int n) {
        int[] items = new int[n];
        for (int i = 0; i < n; i++) {
            items[i] = i;
        }
        return items;
    }

    /**
     * {@link #pass(GaussianMixture)} on the rows in their own order (every component evaluated), after which
     * each chunk's points are regrouped by the components responsible for them under {@code m}: later passes
     * at nearby parameters skip the others. Its result depends only on the rows and {@code m}.
     */
    Statistics groupingPass(GaussianMixture m) {
        return pass(m, true);
    }

    /** Log-likelihood at {@code m} and the sufficient statistics of the next M-step. */
    Statistics pass(GaussianMixture m) {
        return pass(m, false);
    }

    /**
     * As {@link #pass(GaussianMixture)}; when {@code grouping}, the rows are read in their own order, each
     * row's grouping key (the set of components j whose responsibility for the row is at least
     * {@link #NEGLIGIBLE}, as bit j mod 64) is kept in its task's arrays, and then each chunk is regrouped by
     * those keys.
     */
    private Statistics pass(GaussianMixture m, boolean grouping) {
        Parameters params = new Parameters(m);
        Statistics[] partial = new Statistics[chunks];
        long[] expectations = grouping ? new long[blocks] : null;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Statistics s = new Statistics(params.k);
            Scratch scratch = scratch(params.k);
            int lo = chunkStart(c) * BLOCK;
            int hi = Math.min(n, chunkStart(c + 1) * BLOCK);
            if (grouping) {
                scratch.grouping();
                scratch.rowBase = lo;
                for (int i = lo; i < hi; i++) {
                    order[i] = i;
                }
            }
            for (int b = chunkStart(c); b < chunkStart(c + 1); b++) {
                block(b, packed(b, grouping), params, s, scratch, grouping);
            }
            for (int j = 0; j < params.k; j++) {
                flush(j, s, scratch);
            }
            if (grouping) {
                groupChunk(c, expectations, scratch);
            }
            partial[c] = s;
            idleScratch.add(scratch);
        });
        if (grouping) {
            expected = expectations;
            filled = true;
        } else if (expected == null) {
            filled = true;
        } else {
            // the parameters move little from one pass to the next: so do the components each block needs
            long[] previous = expected;
            expected = responsible;
            responsible = previous;
        }
        Statistics total = partial[0];
        for (int c = 1; c < chunks; c++) {
            total.add(partial[c]);
        }
        return total;
    }

    /** Work arrays for a task: an idle set for k components, or a new one. */
    private Scratch scratch(int k) {
        Scratch w = idleScratch.poll();
        return w != null && w.log.length == k ? w : new Scratch(k);
    }

    /** The current parameters in the form the pass needs. */
    private final class Parameters {
        final int k;
        final double[][] means;
        /** Lower Cholesky factor per component, row-major; only the diagonal for diag and spherical. */
        final double[][] factor;
        final double[][] inverseDiagonal;
        /** sqrt(1/2) / L_aa: the diagonal scaling that gives log-densities without a final halving pass. */
        final double[][] halfInverseDiagonal;
        /** Row a of L_j below the diagonal (full and tied). */
        final double[][][] below;
        /** log w_j - d/2 log 2 pi - log det L_j. */
        final double[] constant;

        Parameters(GaussianMixture m) {
            k = m.components();
            means = m.means();
            factor = new double[k][];
            inverseDiagonal = new double[k][d];
            halfInverseDiagonal = new double[k][d];
            below = new double[k][d][];
            constant = new double[k];
            double[] w = m.weights();
            for (int j = 0; j < k; j++) {
                factor[j] = m.choleskyFactor(j);
                double logDet = 0;
                for (int a = 0; a < d; a++) {
                    double l = factor[j][a * d + a];
                    inverseDiagonal[j][a] = 1 / l;
                    halfInverseDiagonal[j][a] = Math.sqrt(0.5) / l;
                    logDet += Math.log(l);
                }
                constant[j] = Math.log(w[j]) - 0.5 * d * LOG_2PI - logDet;
                for (int a = 0; a < d; a++) {
                    below[j][a] = Arrays.copyOfRange(factor[j], a * d, a * d + a);
                }
            }
        }
    }

    /**
     * Per-task work arrays: z (or x - mu), weighted differences, log-densities then responsibilities. A task
     * leaves no state behind (kept counts are back at 0 after its flush), so the next task may reuse them.
     */
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
        final boolean[] skipped;
        /** Per component, the range of the block's points that are evaluated: [from, to). */
        final int[] from;
        final int[] to;
        final long[] keys = new long[BLOCK];
        final double[] bound = new double[BLOCK];
        /**
         * For regrouping a chunk (allocated by the first task that regroups): the keys of its rows (row
         * rowBase + i at i), group ids, a column, a hash table.
         */
        long[] rowKeys;
        int rowBase;
        int[] group;
        double[] column;
        long[] slotKey;
        int[] slotId;

        /** Per component, the kept points' x - mu_j (d rows) and responsibilities, awaiting {@link #flush}. */
        final double[][][] keptZ;
        final double[][] keptR;
        final int[] kept;

        /** Allocates the regrouping arrays for the largest chunk, once. */
        void grouping() {
            if (group == null) {
                int rows = 0;
                for (int c = 0; c < chunks; c++) {
                    rows = Math.max(rows, Math.min(n, chunkStart(c + 1) * BLOCK) - chunkStart(c) * BLOCK);
                }
                int slots = Integer.highestOneBit(Math.max(1, 2 * rows - 1)) << 1;
                rowKeys = new long[rows];
                group = new int[rows];
                column = new double[rows];
                slotKey = new long[slots];
                slotId = new int[slots];
            }
        }

        Scratch(int k) {
            log = new double[k][BLOCK];
            skipped = new boolean[k];
            from = new int[k];
            to = new int[k];
            keptZ = new double[k][d][KEPT_CAPACITY];
            keptR = new double[k][KEPT_CAPACITY];
            kept = new int[k];
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
                for (int a = 0; a < d && type != CovarianceType.TIED; a++) {
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
            if (type == CovarianceType.TIED) {
                // sum_j sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T = sum_i (x_i - c)(x_i - c)^T - sum_j N_j (mu_j - c)(mu_j - c)^T
                // when every row's responsibilities sum to 1: only first moments are needed (as scikit-learn's tied M-step)
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        double v = dataScatter[a][b];
                        for (int j = 0; j < k; j++) {
                            v -= nk[j] * (means[j][a] - dataMean[a]) * (means[j][b] - dataMean[b]);
                        }
                        scatter[0][a][b] = v;
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

    /** E-step and statistics for block {@code b}, whose points are {@code x}. */
    private void block(int b, double[][] x, Parameters params, Statistics s, Scratch w, boolean grouping) {
        int len = Math.min(BLOCK, n - b * BLOCK);
        int k = params.k;
        double[][] log = w.log;
        boolean[] skipped = w.skipped;
        // the components expected to be responsible first (all of them before the points are grouped); the
        // others stop as soon as their partial log-densities, which only decrease, are negligible everywhere
        long first = expected == null || grouping ? -1L : expected[b];
        double[] max = w.max;
        boolean any = false;
        for (int j = 0; j < k; j++) {
            skipped[j] = (first & (1L << (j & (Long.SIZE - 1)))) == 0;
            if (!skipped[j]) {
                logDensities(x, len, params, j, w, null);
                raiseMax(log[j], max, len, any);
                any = true;
            }
        }
        double[] bound = w.bound;
        boolean stale = true;
        for (int j = 0; j < k; j++) {
            if (skipped[j]) {
                if (any && stale) {
                    for (int p = 0; p < len; p++) {
                        bound[p] = max[p] + LOG_NEGLIGIBLE;
                    }
                    stale = false;
                }
                skipped[j] = !logDensities(x, len, params, j, w, any ? bound : null);
                if (!skipped[j]) {
                    raiseMax(log[j], max, len, any);
                    any = true;
                    stale = true;
                }
            }
        }
        // log-sum-exp over the components of each point (Bishop, PRML eq. 9.23 in log space)
        double[] sum = w.sum;
        if (grouping) {
            Arrays.fill(w.keys, 0, len, 0);
        }
        Arrays.fill(sum, 0, len, 0);
        int[] from = w.from;
        int[] to = w.to;
        for (int j = 0; j < k; j++) {
            // r_pj = exp(l_pj - max_p) / sum_p < exp(l_pj - max_p), as sum_p >= 1: below NEGLIGIBLE, point p is
            // left out of component j's moments and sums; only the range from the first to the last point
            // that is not is evaluated (grouped points that share a component lie together)
            if (skipped[j]) {
                continue;
            }
            double[] lj = log[j];
            int lo = 0;
            while (lo < len && lj[lo] - max[lo] < LOG_NEGLIGIBLE) {
                lo++;
            }
            skipped[j] = lo == len;
            if (!skipped[j]) {
                int hi = len;
                while (lj[hi - 1] - max[hi - 1] < LOG_NEGLIGIBLE) {
                    hi--;
                }
                from[j] = lo;
                to[j] = hi;
                VectorExp.expShiftedAndSum(lj, max, sum, w.expWork, lo, hi);
            }
        }
        long found = 0;
        for (int j = 0; j < k; j++) {
            found |= skipped[j] ? 0 : 1L << (j & (Long.SIZE - 1));
        }
        responsible[b] = found;
        s.logLikelihood += logLikelihood(max, sum, len);
        for (int p = 0; p < len; p++) {
            sum[p] = 1 / sum[p];
        }
        for (int j = 0; j < k; j++) {
            if (!skipped[j]) {
                gather(x, from[j], to[j], params.means[j], j, s, w, grouping);
            }
        }
        if (grouping) {
            for (int p = 0; p < len; p++) {
                w.rowKeys[b * BLOCK + p - w.rowBase] = w.keys[p];
            }
        }
    }

    /** max = l (when {@code update} is false) or max(max, l). */
    private static void raiseMax(double[] l, double[] max, int len, boolean update) {
        if (!update) {
            System.arraycopy(l, 0, max, 0, len);
            return;
        }
        for (int p = 0; p < len; p++) {
            max[p] = Math.max(max[p], l[p]);
        }
    }

    /** Whether l[p] < bound[p] for every point p of the block. */
    private static boolean below(double[] l, double[] bound, int len) {
        for (int p = 0; p < len; p++) {
            if (l[p] >= bound[p]) {
                return false;
            }
        }
        return true;
    }

    /** Whether c - q[p] / 2 < bound[p] for every point p of the block. */
    private static boolean below(double c, double[] q, double[] bound, int len) {
        for (int p = 0; p < len; p++) {
            if (c - 0.5 * q[p] >= bound[p]) {
                return false;
            }
        }
        return true;
    }

    /**
     * log(w_j N(x | mu_j, Sigma_j)) of the block's points into row j of the scratch log array: the forward
     * substitution z_a = (x_a - mu_a - sum_{m<a} L_am z_m) / L_aa as row operations over the block, up to
     * four rows of z at a time, the first pass fused with the centring and the last with the scaling and the
     * sum of squares. With a {@code bound}, stops early, returning false, once the partial sums show that
     * l_j[p] < bound[p] for every point (q only grows row by row, so c - q/2 bounds l_j from above).
     */
    private boolean logDensities(double[][] x, int len, Parameters params, int j, Scratch w, double[] bound) {
        double[] q = w.q;
        double[] mu = params.means[j];
        double[] inv = params.inverseDiagonal[j];
        double c = params.constant[j];
        if (!fullScatter) {
            return diagonalLogDensities(x, len, mu, params.halfInverseDiagonal[j], c, w.log[j], bound);
        }
        Arrays.fill(q, 0, len, 0);
        for (int a = 0; a < d; a++) {
            solveRow(x[a], mu[a], w.z, a, params.below[j][a], 0, inv[a], q, len);
            if (bound != null && a >= 3 && a < d - 1 && below(c, q, bound, len)) {
                return false;
            }
        }
        double[] lj = w.log[j];
        for (int p = 0; p < len; p++) {
            lj[p] = c - 0.5 * q[p];
        }
        return true;
    }

    /**
     * out[p] = c - sum_a ((x_a[p] - mu_a) h_a)^2 with h_a = sqrt(1/2) / s_a, i.e. c - q/2: four columns per
     * pass over out (the first pass also sets the constant), so that out is read and written d/4 times. With a
     * {@code bound}, stops early, returning false, once out[p] < bound[p] for every point.
     */
    private boolean diagonalLogDensities(double[][] x, int len, double[] mu, double[] h, double c, double[] out,
                                         double[] bound) {
        int a = 0;
        boolean first = true;
        for (; a + 3 < d; a += 4) {
            double[] x0 = x[a];
            double[] x1 = x[a + 1];
            double[] x2 = x[a + 2];
            double[] x3 = x[a + 3];
            double m0 = mu[a];
            double m1 = mu[a + 1];
            double m2 = mu[a + 2];
            double m3 = mu[a + 3];
            double i0 = h[a];
            double i1 = h[a + 1];
            double i2 = h[a + 2];
            double i3 = h[a + 3];
            if (first) {
                for (int p = 0; p < len; p++) {
                    double v0 = (x0[p] - m0) * i0;
                    double v1 = (x1[p] - m1) * i1;
                    double v2 = (x2[p] - m2) * i2;
                    double v3 = (x3[p] - m3) * i3;
                    out[p] = c - ((v0 * v0 + v1 * v1) + (v2 * v2 + v3 * v3));
                }
                first = false;
            } else {
                for (int p = 0; p < len; p++) {
                    double v0 = (x0[p] - m0) * i0;
                    double v1 = (x1[p] - m1) * i1;
                    double v2 = (x2[p] - m2) * i2;
                    double v3 = (x3[p] - m3) * i3;
                    out[p] -= (v0 * v0 + v1 * v1) + (v2 * v2 + v3 * v3);
                }
            }
            if (bound != null && a + 4 < d && below(out, bound, len)) {
                return false;
            }
        }
        if (first) {
            Arrays.fill(out, 0, len, c);
        }
        for (; a + 1 < d; a += 2) {
            double[] x0 = x[a];
            double[] x1 = x[a + 1];
            double m0 = mu[a];
            double m1 = mu[a + 1];
            double i0 = h[a];
            double i1 = h[a + 1];
            for (int p = 0; p < len; p++) {
                double v0 = (x0[p] - m0) * i0;
                double v1 = (x1[p] - m1) * i1;
                out[p] -= v0 * v0 + v1 * v1;
            }
        }
        if (a < d) {
            double[] x0 = x[a];
            double m0 = mu[a];
            double i0 = h[a];
            for (int p = 0; p < len; p++) {
                double v0 = (x0[p] - m0) * i0;
                out[p] -= v0 * v0;
            }
        }
        return true;
    }

    /**
     * Responsibilities of component j (row j of the scratch holds exp(log p_j - max); sum holds 1 / sum); the
     * points whose responsibility is at least {@link #NEGLIGIBLE} are appended, centred on mu_j, to the
     * component's buffer. Smaller responsibilities change no sum by more than its rounding.
     */
    private void gather(double[][] x, int from, int to, double[] mu, int j, Statistics s, Scratch w,
                        boolean recordKeys) {
        double[] lj = w.log[j];
        double[] inverseSum = w.sum;
        int[] index = w.index;
        double[] r = w.r;
        int count = 0;
        // on grouped points a component is often responsible for the whole range: then no compaction
        int p0 = from;
        while (p0 < to && lj[p0] * inverseSum[p0] >= NEGLIGIBLE) {
            p0++;
        }
        boolean whole = p0 == to;
        if (whole) {
            for (int p = from; p < to; p++) {
                r[p - from] = lj[p] * inverseSum[p];
            }
            count = to - from;
        } else {
            for (int p = from; p < to; p++) {
                double v = lj[p] * inverseSum[p];
                // branch-free compaction: always write, advance only past kept points
                index[count] = p;
                r[count] = v;
                count += v >= NEGLIGIBLE ? 1 : 0;
            }
        }
        if (recordKeys) {
            long bit = 1L << (j & (Long.SIZE - 1));
            for (int c = 0; c < count; c++) {
                w.keys[whole ? from + c : index[c]] |= bit;
            }
        }
        if (count == 0) {
            return;
        }
        if (!fullScatter && 8 * count >= 7 * (to - from)) {
            if (!whole) {
                for (int p = from; p < to; p++) {
                    double v = lj[p] * inverseSum[p];
                    r[p - from] = v >= NEGLIGIBLE ? v : 0;
                }
            }
            denseDiagonalMoments(x, from, to, mu, r, j, s);
            return;
        }
        if (w.kept[j] + count > KEPT_CAPACITY) {
            flush(j, s, w);
        }
        int at = w.kept[j];
        double[][] keptZ = w.keptZ[j];
        System.arraycopy(r, 0, w.keptR[j], at, count);
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double[] za = keptZ[a];
            double ma = mu[a];
            if (whole) {
                for (int c = 0; c < count; c++) {
                    za[at + c] = xa[from + c] - ma;
                }
            } else {
                for (int c = 0; c < count; c++) {
                    za[at + c] = xa[index[c]] - ma;
                }
            }
        }
        w.kept[j] = at + count;
    }

    /**
     * Diagonal moments of component j straight from the block when most of the range [from, to) is kept, with
     * no copy into the component's buffer: r[p - from] is the responsibility of point p (0 when negligible).
     */
    private void denseDiagonalMoments(double[][] x, int from, int to, double[] mu, double[] r, int j, Statistics s) {
        int len = to - from;
        s.nk[j] += sum(r, len);
        for (int a = 0; a < d; a++) {
            moments(r, x[a], from, mu[a], len, s.first[j], s.second[j], a);
        }
    }

    /** Adds the buffered points of component j to its sums, first and second moments about mu_j. */
    private void flush(int j, Statistics s, Scratch w) {
        int count = w.kept[j];
        if (count == 0) {
            return;
        }
        w.kept[j] = 0;
        double[] r = w.keptR[j];
        double[][] z = w.keptZ[j];
        double[][] weighted = w.weighted;
        s.nk[j] += sum(r, count);
        double[] first = s.first[j];
        double[] second = s.second[j];
        if (!fullScatter) {
            for (int a = 0; a < d; a++) {
                moments(r, z[a], 0, 0, count, first, second, a);
            }
            return;
        }
        for (int a = 0; a < d; a++) {
            first[a] += weightAndSum(r, z[a], weighted[a], count);
        }
        if (type != CovarianceType.TIED) {
            addLowerScatter(weighted, z, count, second, d);
        }
    }

    /**
     * first[a] += sum_c r[c] z_c and second[a] += sum_c r[c] z_c^2 with z_c = values[offset + c] - centre, four
     * points at a time (eight independent sums); a centre of 0 leaves centred values exactly as they are.
     */
    private static void moments(double[] r, double[] values, int offset, double centre, int len, double[] first,
                                double[] second, int a) {
        double f0 = 0;
        double f1 = 0;
        double f2 = 0;
        double f3 = 0;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < len; c += 4) {
            double z0 = values[offset + c] - centre;
            double z1 = values[offset + c + 1] - centre;
            double z2 = values[offset + c + 2] - centre;
            double z3 = values[offset + c + 3] - centre;
            double w0 = r[c] * z0;
            double w1 = r[c + 1] * z1;
            double w2 = r[c + 2] * z2;
            double w3 = r[c + 3] * z3;
            f0 += w0;
            f1 += w1;
            f2 += w2;
            f3 += w3;
            s0 += w0 * z0;
            s1 += w1 * z1;
            s2 += w2 * z2;
            s3 += w3 * z3;
        }
        for (; c < len; c++) {
            double z0 = values[offset + c] - centre;
            double w0 = r[c] * z0;
            f0 += w0;
            s0 += w0 * z0;
        }
        first[a] += (f0 + f1) + (f2 + f3);
        second[a] += (s0 + s1) + (s2 + s3);
    }
}
