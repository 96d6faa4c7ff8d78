package io.genmod.mixture;

import static io.genmod.math.ArraySums.sum;
import static io.genmod.mixture.BlockArithmetic.addLowerScatter;
import static io.genmod.mixture.BlockArithmetic.dot;
import static io.genmod.mixture.BlockArithmetic.solveRow;
import static io.genmod.mixture.BlockArithmetic.weightAndSum;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The exact statistics of one mini-batch at a time, and the exact log-likelihood of all rows, for gradient
 * ascent. The rows are kept row-major in one array and visited through a permutation ({@link #shuffle}: a
 * Fisher-Yates shuffle, then, inside each batch, a stable counting sort by each row's label, the component
 * whose responsibility was above 1/2 when the row was last seen, if one was). Each pass copies its rows,
 * {@link #BLOCK} at a time, column by column into a task's scratch, so every inner loop runs over the points
 * of a block, as in {@link EmEngine}, whose per-block arithmetic this follows (triangular solve as row
 * operations, exponentials through {@link VectorExp}, responsibilities below {@link EmEngine#NEGLIGIBLE} left
 * out, kept points gathered per component and their moments summed in long loops).
 *
 * <p>Exact shortcut: a responsibility r = exp(l_j - max_i l_i) / sum_i exp(l_i - max_i l_i) is below
 * {@link EmEngine#NEGLIGIBLE} whenever l_j - max_i l_i < {@link #LOG_NEGLIGIBLE} (the sum is at least 1), and
 * then it is left out of every statistic and, as in EM's pass, of the log-sum-exp (a term below 1e-15 next to
 * exp(0) = 1: each point's log-likelihood is low by less than (k - 1) 1e-15). So a component is dropped for a
 * whole block when that holds for all the block's points: after its log terms, or earlier (one test after
 * three quarters of the dimensions, for components that are no point's label), since |L^-1 (x - mu)|^2 only
 * grows as the forward substitution adds dimensions, when c_j - q_partial / 2 is below the running maximum
 * plus {@link #LOG_NEGLIGIBLE} for every point. The exponentials and moments of a kept component run only
 * over the range of points from its first to its last that is not negligible. Components are evaluated in the
 * order of their frequency among the block's labels, so that the maximum is known early; sorting a batch by
 * label keeps blocks homogeneous, and the batches themselves stay uniform random samples.
 *
 * <p>A batch runs as a fixed number of tasks (of {@link #TASK_ROWS} rows) in parallel, each with its own
 * preallocated scratch and accumulator, summed in task order; a full pass runs in a fixed number of chunks
 * summed in chunk order. So results do not depend on scheduling.
 */
final class BatchPass {

    static final int BLOCK = 128;
    /**
     * Rows per parallel task of a batch: a batch of 1024 runs as four tasks, so that up to four threads share
     * it (on 2 cores, tasks of 128, 256 and 512 rows gave epochs within this machine's noise of each other).
     */
    static final int TASK_ROWS = 2 * BLOCK;
    /** Chunks of a full pass (units of parallel work and of the deterministic sum). */
    private static final int CHUNKS = 16;
    /**
     * log(NEGLIGIBLE) less a margin for the rounding of the exponential (relative error below 3e-14), so that
     * every point left out here would also be left out of the statistics.
     */
    static final double LOG_NEGLIGIBLE = Math.log(EmEngine.NEGLIGIBLE) - 0.05;
    /**
     * Kept points gathered per component before their moments are summed (long loops for the sums); two blocks
     * did better than one and four in paired runs.
     */
    private static final int KEPT_CAPACITY = 2 * BLOCK;

    private final CovarianceType type;
    private final boolean full;
    private final int k;
    private final int d;
    private final int n;
    private final int batch;
    private final int batches;
    /** The rows, row-major. */
    private final double[] data;
    /**
     * The current permutation of the rows, batch b at [b * batch, min(n, (b + 1) * batch)): per position the
     * row (low 32 bits) and its label (high 32 bits), the component whose responsibility was above 1/2 at the
     * last pass that saw the row (unchanged when none was; 0 at first); labels travel with their rows, so they
     * cost no random access.
     */
    private final long[] slots;
    /** The next shuffle's permutation, drawn down to {@link #top} (-1: not started). */
    private final int[] positions;
    private int top = -1;
    /** The slots before a shuffle. */
    private final long[] previous;
    private final Scratch[] scratch;
    private final ComponentStatistics total;

    /**
     * @param x rows. Not modified, not retained.
     */
    BatchPass(double[][] x, CovarianceType type, int k, int batch) {
        this.type = type;
        this.full = type == CovarianceType.FULL || type == CovarianceType.TIED;
        this.k = k;
        this.d = x[0].length;
        this.n = x.length;
        this.batch = batch;
        this.batches = (n + batch - 1) / batch;
        this.data = MixtureKernel.flatten(x);
        this.slots = new long[n];
        this.positions = new int[n];
        this.previous = new long[n];
        for (int i = 0; i < n; i++) {
            slots[i] = i;
        }
        int tasks = (Math.min(batch, n) + TASK_ROWS - 1) / TASK_ROWS;
        this.scratch = new Scratch[tasks];
        for (int t = 0; t < tasks; t++) {
            scratch[t] = new Scratch(true);
        }
        this.total = new ComponentStatistics(k, d, full);
    }

    int batches() {
        return batches;
    }

    int batchSize(int b) {
        return Math.min(batch, n - b * batch);
    }

    /** The row at position i of the current permutation (for tests). */
    int row(int i) {
        return (int) slots[i];
    }

    /**
     * A new uniformly random permutation (Fisher-Yates), then each batch sorted by label (stable). The swaps run
     * on positions, which gives the permutation pi of the swaps (they do not depend on the values:
     * slots'[i] = slots[pi[i]]), so that they can be drawn ahead ({@link #shuffleAhead}, with the same
     * {@code random}, which nothing else may draw from in between); the slots are then gathered and sorted batch
     * by batch in parallel.
     */
    void shuffle(SplittableRandom random) {
        while (!shuffleAhead(random, n)) {
            // draws the remaining swaps
        }
        System.arraycopy(slots, 0, previous, 0, n);
        int[] pi = positions;
        IntStream.range(0, batches).parallel().forEach(b -> {
            int from = b * batch;
            int to = from + batchSize(b);
            for (int i = from; i < to; i++) {
                slots[i] = previous[pi[i]];
            }
            sortByLabel(b);
        });
        top = -1;
    }

    /**
     * Draws up to {@code count} more swaps of the next {@link #shuffle} (in its order).
     *
     * @return whether all are drawn
     */
    boolean shuffleAhead(SplittableRandom random, int count) {
        int[] pi = positions;
        if (top < 0) {
            for (int i = 0; i < n; i++) {
                pi[i] = i;
            }
            top = n - 1;
        }
        int end = Math.max(0, top - count);
        for (int i = top; i > end; i--) {
            int j = random.nextInt(i + 1);
            int t = pi[i];
            pi[i] = pi[j];
            pi[j] = t;
        }
        top = end;
        return end == 0;
    }

    private void sortByLabel(int b) {
        int from = b * batch;
        int size = batchSize(b);
        int[] start = new int[k + 1];
        long[] sorted = new long[size];
        for (int i = from; i < from + size; i++) {
            start[(int) (slots[i] >>> 32) + 1]++;
        }
        for (int j = 0; j < k; j++) {
            start[j + 1] += start[j];
        }
        for (int i = from; i < from + size; i++) {
            long slot = slots[i];
            sorted[start[(int) (slot >>> 32)]++] = slot;
        }
        System.arraycopy(sorted, 0, slots, from, size);
    }

    /**
     * Statistics of batch {@code b} at the parameters of {@code kernel}, centred at its means.
     *
     * @return an accumulator owned by this pass, valid until the next call
     */
    ComponentStatistics pass(int b, MixtureKernel kernel) {
        int tasks = tasks(b);
        IntStream.range(0, tasks).parallel().forEach(t -> task(b, t, kernel));
        total.logLikelihood = logLikelihood(tasks);
        for (int j = 0; j < k; j++) {
            merge(j, tasks, total);
        }
        return total;
    }

    /** The number of parallel tasks of batch b (each with its own scratch, see {@link #task}). */
    int tasks(int b) {
        return (batchSize(b) + TASK_ROWS - 1) / TASK_ROWS;
    }

    /** The most tasks of any batch. */
    int maxTasks() {
        return scratch.length;
    }

    /** Task t of batch b: the statistics of its rows at the parameters of {@code kernel}, into task t's scratch. */
    void task(int b, int t, MixtureKernel kernel) {
        int from = b * batch;
        int to = from + batchSize(b);
        Scratch s = scratch[t];
        s.reset();
        rows(from + t * TASK_ROWS, Math.min(to, from + (t + 1) * TASK_ROWS), kernel, s);
    }

    /**
     * Loads the first and last value of the rows of task t of batch b (independent loads, served in parallel),
     * so that the task's pass finds them in cache. Only the thread that runs task t may call it.
     */
    void touch(int b, int t) {
        int from = b * batch + t * TASK_ROWS;
        int to = Math.min(b * batch + batchSize(b), from + TASK_ROWS);
        double touched = 0;
        for (int p = from; p < to; p++) {
            int base = (int) slots[p] * d;
            touched += data[base] + data[base + d - 1];
        }
        scratch[t].touched += touched;
    }

    /** The log-likelihood of the first {@code tasks} tasks' rows, summed in task order. */
    double logLikelihood(int tasks) {
        double sum = 0;
        for (int t = 0; t < tasks; t++) {
            sum += scratch[t].logLikelihood;
        }
        return sum;
    }

    /** Component j's N_j summed over the first {@code tasks} tasks in task order (as {@link #merge}). */
    double count(int j, int tasks) {
        double sum = 0;
        for (int t = 0; t < tasks; t++) {
            sum += scratch[t].stats.n[j];
        }
        return sum;
    }

    /** Component j's statistics of the first {@code tasks} tasks, summed in task order, into {@code into}. */
    void merge(int j, int tasks, ComponentStatistics into) {
        into.n[j] = count(j, tasks);
        double[] first = into.s1[j];
        double[] second = into.s2[j];
        Arrays.fill(first, 0);
        Arrays.fill(second, 0);
        for (int t = 0; t < tasks; t++) {
            ComponentStatistics s = scratch[t].stats;
            double[] f = s.s1[j];
            for (int i = 0; i < first.length; i++) {
                first[i] += f[i];
            }
            double[] q = s.s2[j];
            for (int i = 0; i < second.length; i++) {
                second[i] += q[i];
            }
        }
    }

    /** The log-likelihood of all rows at the parameters of {@code kernel}. */
    double logLikelihood(MixtureKernel kernel) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        int chunks = Math.min(blocks, CHUNKS);
        double[] partial = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Scratch s = new Scratch(false);
            int from = (int) ((long) c * blocks / chunks) * BLOCK;
            int to = Math.min(n, (int) ((long) (c + 1) * blocks / chunks) * BLOCK);
            rows(from, to, kernel, s);
            partial[c] = s.logLikelihood;
        });
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        return sum;
    }

    private final class Scratch {
        /** Null for a pass that only sums the log-likelihood. */
        final ComponentStatistics stats;
        double logLikelihood;
        /** A sum of the rows' first and last values, kept so that the loads that fetch the rows stay. */
        double touched;
        /** The block's points, column by column. */
        final double[][] x = new double[d][BLOCK];
        final double[][] z = new double[d][BLOCK];
        final double[][] log = new double[k][BLOCK];
        final double[] q = new double[BLOCK];
        final double[] max = new double[BLOCK];
        final double[] sum = new double[BLOCK];
        final double[] expWork = new double[BLOCK];
        final double[] r = new double[BLOCK];
        final int[] index = new int[BLOCK];
        final int[] best = new int[BLOCK];
        /** Per component: its count among the block's labels; whether it is kept for the block. */
        final int[] count = new int[k];
        final int[] byCount = new int[k];
        final boolean[] kept = new boolean[k];
        /** Per kept component, the range of points from its first to its last that is not negligible. */
        final int[] from = new int[k];
        final int[] to = new int[k];
        /** Per component, the kept points' x - mu_j (d rows) and responsibilities, awaiting {@link #flush}. */
        final double[][][] keptZ;
        final double[][] keptR;
        final int[] buffered;
        final double[][] weighted;

        Scratch(boolean moments) {
            stats = moments ? new ComponentStatistics(k, d, full) : null;
            keptZ = moments ? new double[k][d][KEPT_CAPACITY] : null;
            keptR = moments ? new double[k][KEPT_CAPACITY] : null;
            buffered = new int[k];
            weighted = moments ? new double[d][KEPT_CAPACITY] : null;
        }

        void reset() {
            logLikelihood = 0;
            Arrays.fill(stats.n, 0);
            for (int j = 0; j < k; j++) {
                Arrays.fill(stats.s1[j], 0);
                Arrays.fill(stats.s2[j], 0);
            }
        }
    }

    /** The rows at positions [from, to) of the permutation, block by block; moments when the scratch has an accumulator. */
    private void rows(int from, int to, MixtureKernel kernel, Scratch w) {
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            load(start, len, w);
            block(start, len, kernel, w);
        }
        if (w.stats != null) {
            for (int j = 0; j < k; j++) {
                flush(j, w);
            }
        }
    }

    /** Copies the rows into the scratch column by column, counts their labels and orders the components by count. */
    private void load(int start, int len, Scratch w) {
        double[][] x = w.x;
        int[] count = w.count;
        Arrays.fill(count, 0);
        // first touch both ends of every row: independent loads, which the memory system serves in parallel
        // (the copy below alone waits for one row at a time, several times slower on shuffled rows)
        double touched = 0;
        for (int p = 0; p < len; p++) {
            int base = (int) slots[start + p] * d;
            touched += data[base] + data[base + d - 1];
        }
        w.touched += touched;
        for (int p = 0; p < len; p++) {
            long slot = slots[start + p];
            int base = (int) slot * d;
            for (int a = 0; a < d; a++) {
                x[a][p] = data[base + a];
            }
            int label = (int) (slot >>> 32);
            count[label]++;
            w.best[p] = label;
        }
        // components by decreasing count (ties by index): insertion sort of k entries
        int[] byCount = w.byCount;
        for (int j = 0; j < k; j++) {
            int c = count[j];
            int i = j;
            while (i > 0 && count[byCount[i - 1]] < c) {
                byCount[i] = byCount[i - 1];
                i--;
            }
            byCount[i] = j;
        }
    }

    private void block(int start, int len, MixtureKernel kernel, Scratch w) {
        double[] max = w.max;
        boolean[] kept = w.kept;
        boolean any = false;
        for (int i = 0; i < k; i++) {
            int j = w.byCount[i];
            // components that are some point's label are almost always kept: no early test for them
            kept[j] = logTerms(w.x, len, kernel, j, w, any && w.count[j] == 0);
            if (!kept[j]) {
                continue;
            }
            double[] lj = w.log[j];
            if (!any) {
                System.arraycopy(lj, 0, max, 0, len);
                any = true;
            } else {
                for (int p = 0; p < len; p++) {
                    max[p] = Math.max(max[p], lj[p]);
                }
            }
        }
        // log-sum-exp over the kept components in index order, each over the range of points from its first to
        // its last that is not negligible (blocks are sorted by label, so such points tend to be contiguous)
        double[] sum = w.sum;
        int[] best = w.best;
        Arrays.fill(sum, 0, len, 0);
        for (int j = 0; j < k; j++) {
            if (!kept[j]) {
                continue;
            }
            double[] lj = w.log[j];
            int from = 0;
            while (from < len && lj[from] - max[from] < LOG_NEGLIGIBLE) {
                from++;
            }
            if (from == len) {
                kept[j] = false;
                continue;
            }
            int to = len;
            while (lj[to - 1] - max[to - 1] < LOG_NEGLIGIBLE) {
                to--;
            }
            w.from[j] = from;
            w.to[j] = to;
            VectorExp.expShiftedAndSum(lj, max, sum, w.expWork, from, to);
        }
        w.logLikelihood += BlockArithmetic.logLikelihood(max, sum, len);
        for (int p = 0; p < len; p++) {
            sum[p] = 1 / sum[p];
        }
        // the new labels: the component with responsibility above 1/2, if any (gather finds it with the moments)
        for (int j = 0; j < k; j++) {
            if (!kept[j]) {
                continue;
            }
            if (w.stats != null) {
                gather(w.x, len, kernel.means[j], j, w);
            } else {
                double[] lj = w.log[j];
                for (int p = w.from[j]; p < w.to[j]; p++) {
                    best[p] = lj[p] * sum[p] > 0.5 ? j : best[p];
                }
            }
        }
        for (int p = 0; p < len; p++) {
            slots[start + p] = (long) best[p] << 32 | (slots[start + p] & 0xFFFFFFFFL);
        }
    }

    /**
     * l_j = c_j - |L_j^-1 (x - mu_j)|^2 / 2 for the block's points, into row j of the scratch; the forward
     * substitution as EM's pass does it. When {@code bounded} (w.max holds the maximum over the components
     * evaluated so far) it stops early and returns false once c_j - q_partial / 2 - max < LOG_NEGLIGIBLE
     * for every point.
     */
    private boolean logTerms(double[][] x, int len, MixtureKernel kernel, int j, Scratch w, boolean bounded) {
        double[] q = w.q;
        Arrays.fill(q, 0, len, 0);
        double[] mu = kernel.means[j];
        double[] f = kernel.factors[type == CovarianceType.TIED ? 0 : j];
        double c = kernel.logConstants[j];
        // one test, after three quarters of the dimensions: earlier ones rarely succeed
        int check = bounded && d >= 4 ? (3 * d) / 4 - 1 : -1;
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double ma = mu[a];
            if (!full) {
                double ia = type == CovarianceType.DIAG ? f[a] : f[0];
                for (int p = 0; p < len; p++) {
                    double v = (xa[p] - ma) * ia;
                    q[p] += v * v;
                }
            } else {
                solveRow(xa, ma, w.z, a, f, a * d, 1 / f[a * d + a], q, len);
            }
            if (bounded && a == check && negligible(c, q, w.max, len)) {
                return false;
            }
        }
        double[] lj = w.log[j];
        for (int p = 0; p < len; p++) {
            lj[p] = c - 0.5 * q[p];
        }
        return true;
    }

    /** Whether c - q/2 - max < LOG_NEGLIGIBLE for all points (stops at the first point where it fails). */
    private static boolean negligible(double c, double[] q, double[] max, int len) {
        double limit = c - LOG_NEGLIGIBLE;
        for (int p = 0; p < len; p++) {
            if (0.5 * q[p] + max[p] <= limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Responsibilities of component j (row j of the scratch holds exp(l_j - max) over its range [from_j, to_j),
     * outside which all are negligible; sum holds 1 / sum); the points whose responsibility is at least {@link EmEngine#NEGLIGIBLE} are appended, centred on mu_j, to
     * the component's buffer.
     */
    private void gather(double[][] x, int len, double[] mu, int j, Scratch w) {
        double[] lj = w.log[j];
        double[] inverseSum = w.sum;
        int[] index = w.index;
        double[] r = w.r;
        int[] best = w.best;
        int count = 0;
        for (int p = w.from[j]; p < w.to[j]; p++) {
            double v = lj[p] * inverseSum[p];
            best[p] = v > 0.5 ? j : best[p];
            // branch-free compaction: always write, advance only past kept points
            index[count] = p;
            r[count] = v;
            count += v >= EmEngine.NEGLIGIBLE ? 1 : 0;
        }
        if (count == 0) {
            return;
        }
        if (w.buffered[j] + count > KEPT_CAPACITY) {
            flush(j, w);
        }
        int at = w.buffered[j];
        double[][] keptZ = w.keptZ[j];
        System.arraycopy(r, 0, w.keptR[j], at, count);
        for (int a = 0; a < d; a++) {
            double[] xa = x[a];
            double[] za = keptZ[a];
            double ma = mu[a];
            if (count == len) {
                for (int p = 0; p < len; p++) {
                    za[at + p] = xa[p] - ma;
                }
            } else {
                for (int c = 0; c < count; c++) {
                    za[at + c] = xa[index[c]] - ma;
                }
            }
        }
        w.buffered[j] = at + count;
    }

    /** Adds the buffered points of component j to its sums, first and second moments about mu_j. */
    private void flush(int j, Scratch w) {
        int count = w.buffered[j];
        if (count == 0) {
            return;
        }
        w.buffered[j] = 0;
        double[] r = w.keptR[j];
        double[][] z = w.keptZ[j];
        double[][] weighted = w.weighted;
        ComponentStatistics s = w.stats;
        s.n[j] += sum(r, count);
        double[] first = s.s1[j];
        double[] second = s.s2[j];
        for (int a = 0; a < d; a++) {
            first[a] += weightAndSum(r, z[a], weighted[a], count);
        }
        if (full) {
            addLowerScatter(weighted, z, count, second, d);
        } else {
            for (int a = 0; a < d; a++) {
                second[a] += dot(weighted[a], z[a], count);
            }
        }
    }
}
