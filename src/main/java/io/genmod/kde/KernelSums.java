package io.genmod.kde;

import static io.genmod.math.ArraySums.sum;

import java.util.stream.IntStream;

/**
 * Evaluates log sum_i K(|q - t_i| / h) for many queries with a kd-tree over the training points and one over
 * the queries, processed block against node, nearest node first (Gray and Moore 2003, dual-tree KDE, here
 * with a single query block per task). For a block and a node the kernel lies between K(max distance) and
 * K(min distance); the node's contribution is replaced by count * (Kmax + Kmin) / 2 when the error bounds
 * count * (Kmax - Kmin) / 2 of all nodes so approximated, summed, stay below {@code epsilon} times the
 * number of points handled so far over n times a lower bound of every query's total, so the summed error
 * stays below {@code epsilon} times the total. Gaussian leaf pairs are summed by the truncated expansion of
 * {@link GaussTaylor} (relative error per term below {@code taylorEpsilon}) where that is cheaper; other
 * leaves pair by pair in primitive loops that the JIT vectorises.
 *
 * <p>Exponential-type kernels (gaussian, exponential) are summed relative to a per-query offset, the
 * smallest exponent seen so far, so that queries far from all data keep their log-density (as
 * scikit-learn's log-space sums do) instead of underflowing to zero.
 */
final class KernelSums {

    /**
     * The "exact" setting: terms dropped or approximated add up to at most 1e-13 of the total, below the
     * 1e-12 relative error of {@link FastExp#expMinus} and the rounding of summing thousands of terms.
     */
    static final double EXACT_EPSILON = 1e-13;
    static final int TRAIN_LEAF = 128;
    static final int QUERY_LEAF = 64;
    /** Exponents beyond this contribute less than e^-50 relative to the largest term and are clamped. */
    private static final double MAX_EXPONENT = 50;

    private final KdTree train;
    private final Kernel kernel;
    /** Truncated Taylor expansion of the gaussian between leaves; null for other kernels. */
    private final GaussTaylor taylor;
    private final double[] trainCenter;
    private final double[] trainRadius;

    /** @param scaledTrain training points divided by the bandwidth. Not modified. */
    KernelSums(double[][] scaledTrain, Kernel kernel) {
        this.train = new KdTree(scaledTrain, TRAIN_LEAF);
        this.kernel = kernel;
        this.taylor = kernel == Kernel.GAUSSIAN ? new GaussTaylor(train.d) : null;
        this.trainCenter = new double[train.nodes * train.d];
        this.trainRadius = new double[train.nodes];
        for (int node = 0; node < train.nodes; node++) {
            trainRadius[node] = centre(train, node, trainCenter, node * train.d);
        }
    }

    /**
     * Writes the centre of a node's box into {@code center[at .. at + d)} and returns the largest distance
     * from it to the node's points.
     */
    static double centre(KdTree tree, int node, double[] center, int at) {
        int d = tree.d;
        for (int k = 0; k < d; k++) {
            center[at + k] = 0.5 * (tree.lo[node * d + k] + tree.hi[node * d + k]);
        }
        double max = 0;
        for (int i = tree.start[node]; i < tree.end[node]; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double t = tree.coords[k][i] - center[at + k];
                s += t * t;
            }
            max = Math.max(max, s);
        }
        return Math.sqrt(max);
    }

    /**
     * @param scaledQueries query rows divided by the bandwidth. Not modified.
     * @param epsilon relative error allowed for the node approximations of each sum
     * @param coarse whether leaves may use {@link FastExp#expMinusCoarse} (relative error {@link FastExp#COARSE_ERROR})
     * @param taylorEpsilon relative truncation error allowed for the leaf pairs summed by {@link GaussTaylor}
     * @return log sum_i K per query (minus infinity where every term is zero)
     */
    double[] logSums(double[][] scaledQueries, double epsilon, boolean coarse, double taylorEpsilon) {
        int m = scaledQueries.length;
        double[] out = new double[m];
        if (m == 0) {
            return out;
        }
        KdTree queries = new KdTree(scaledQueries, QUERY_LEAF);
        int[] leaves = new int[queries.nodes];
        int count = 0;
        for (int node = 0; node < queries.nodes; node++) {
            if (queries.leaf(node)) {
                leaves[count++] = node;
            }
        }
        double logEpsilonOverN = Math.log(epsilon) - Math.log(train.n);
        IntStream.range(0, count).parallel()
                .forEach(b -> block(queries, leaves[b], logEpsilonOverN, coarse, taylorEpsilon, out));
        return out;
    }

    private void block(KdTree queries, int qnode, double logEpsilonOverN, boolean coarse, double taylorEpsilon,
            double[] out) {
        int d = train.d;
        int qFrom = queries.start[qnode];
        int m = queries.end[qnode] - qFrom;
        boolean offsetKernel = !kernel.compact();
        double[] sum = new double[m];
        double[] offset = new double[m];
        // log of each query's running total (a lower bound of its final total), -inf while it is zero
        double[] logTotal = new double[m];
        java.util.Arrays.fill(offset, offsetKernel ? Double.POSITIVE_INFINITY : 0);
        java.util.Arrays.fill(logTotal, Double.NEGATIVE_INFINITY);
        double[] scratch = new double[train.maxLeaf];
        double[] q = new double[d];
        double[] qc = new double[d];
        double rq = centre(queries, qnode, qc, 0);
        Scratch taylorScratch = taylor == null ? null : new Scratch(d, m, train.maxLeaf, taylor);
        double minLogTotal = Double.NEGATIVE_INFINITY;
        // training points whose terms were approximated, expanded or are zero, and the log of the summed
        // error bounds of the approximated ones; leaves summed directly keep their own per-query budget
        long done = 0;
        double logUsed = Double.NEGATIVE_INFINITY;
        boolean stale = false;
        int sinceRefresh = 0;
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            double dmin = train.minSquaredDistance(queries, qnode, node);
            if (kernel.compact() && dmin >= 1) {
                done += train.end[node] - train.start[node];
                continue;
            }
            double dmax = train.maxSquaredDistance(queries, qnode, node);
            double logKmax = kernel.logValue(dmin);
            double logKmin = kernel.logValue(dmax);
            int count = train.end[node] - train.start[node];
            boolean approximate;
            double logError = Double.NEGATIVE_INFINITY;
            if (!offsetKernel && logKmax == logKmin) {
                approximate = true;
            } else {
                // the errors of approximated nodes, summed, stay below epsilon * (points handled so far) / n
                // times every query's running total, so unused budget of earlier nodes carries over
                logError = logKmax + Math.log(0.5 * count * -Math.expm1(logKmin - logKmax));
                double gap = logAdd(logUsed, logError) - logEpsilonOverN - Math.log(done + count) - minLogTotal;
                // the totals only grow, so a stale minimum is still a lower bound; it is refreshed (m
                // logarithm bounds) when that could decide the test
                if (gap > 0 && stale && (gap < 1 || sinceRefresh >= 8 || minLogTotal == Double.NEGATIVE_INFINITY)) {
                    minLogTotal = refresh(sum, offset, logTotal, m);
                    stale = false;
                    sinceRefresh = 0;
                    gap = logAdd(logUsed, logError) - logEpsilonOverN - Math.log(done + count) - minLogTotal;
                }
                approximate = minLogTotal > Double.NEGATIVE_INFINITY && gap <= 0;
            }
            if (approximate) {
                logUsed = logAdd(logUsed, logError);
                done += count;
                addAll(m, count, logKmax, logKmin, coarse, sum, offset);
                stale = true;
                sinceRefresh++;
                continue;
            }
            if (!train.leaf(node)) {
                int a = train.left[node];
                int b = train.right[node];
                if (top + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                // nearer child on top
                if (train.minSquaredDistance(queries, qnode, a) <= train.minSquaredDistance(queries, qnode, b)) {
                    stack[top++] = b;
                    stack[top++] = a;
                } else {
                    stack[top++] = a;
                    stack[top++] = b;
                }
                continue;
            }
            int from = train.start[node];
            int len = count;
            if (taylor != null) {
                double rho = rq * trainRadius[node];
                int p = taylor.order(rho, taylorEpsilon);
                // cost model per pair: direct ~ one exponential; expansion ~ two multiply-adds per term and point
                if (p > 0 && (long) (m + len) * (2L * taylor.termsBelow[p] + 24) < 14L * m * len) {
                    taylorLeaf(queries, qFrom, m, qc, node, rho, p, coarse, sum, offset, taylorScratch);
                    done += len;
                    stale = true;
                    sinceRefresh++;
                    continue;
                }
            }
            if (stale) {
                minLogTotal = refresh(sum, offset, logTotal, m);
                stale = false;
                sinceRefresh = 0;
            }
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < d; k++) {
                    q[k] = queries.coords[k][qFrom + i];
                }
                // the same test for this query alone, with the cruder error bound len * Kmax / 2 of the
                // estimate len * Kmax / 2, which needs no logarithm
                double ownMax = kernel.logValue(minSquaredDistance(q, node));
                if (ownMax == Double.NEGATIVE_INFINITY) {
                    min = Math.min(min, logTotal[i]);
                    continue;
                }
                if (ownMax + LOG_HALF <= logEpsilonOverN + logTotal[i]) {
                    add(i, len, ownMax, Double.NEGATIVE_INFINITY, sum, offset);
                } else {
                    squaredDistances(q, from, len, scratch);
                    // the exponents are at least the box bound -ownMax: only a leaf whose bound is below the
                    // offset can hold a larger term than those seen so far
                    if (offsetKernel && -ownMax < offset[i]) {
                        double xmin = exponentMin(scratch, len);
                        if (xmin < offset[i]) {
                            sum[i] = sum[i] == 0 ? 0 : sum[i] * Math.exp(xmin - offset[i]);
                            offset[i] = xmin;
                        }
                    }
                    sum[i] += leafSum(scratch, len, offset[i], coarse);
                }
                logTotal[i] = logLowerBound(sum[i]) - offset[i];
                min = Math.min(min, logTotal[i]);
            }
            minLogTotal = min;
        }
        for (int i = 0; i < m; i++) {
            out[queries.index[qFrom + i]] = logOf(sum[i], offset[i]);
        }
    }

    private static final double LOG_HALF = Math.log(0.5);

    private static final double LN2 = Math.log(2);

    /** Recomputes the lower bounds logTotal of the block's running totals; returns their minimum. */
    private static double refresh(double[] sum, double[] offset, double[] logTotal, int m) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            logTotal[i] = logLowerBound(sum[i]) - offset[i];
            min = Math.min(min, logTotal[i]);
        }
        return min;
    }

    /**
     * {@link #add} for every query of the block; for the exponential-type kernels the exponentials come from
     * {@link FastExp#expMinus} (relative error 2e-13 of a term that is itself an approximation), clamped at
     * e^-50 below the query's offset like the leaf sums.
     */
    private void addAll(int m, int count, double logKmax, double logKmin, boolean coarse, double[] sum,
            double[] offset) {
        if (kernel.compact()) {
            for (int i = 0; i < m; i++) {
                add(i, count, logKmax, logKmin, sum, offset);
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            if (-logKmax < offset[i]) {
                sum[i] = sum[i] == 0 ? 0 : sum[i] * Math.exp(-logKmax - offset[i]);
                offset[i] = -logKmax;
            }
        }
        double half = 0.5 * count;
        if (coarse) {
            for (int i = 0; i < m; i++) {
                sum[i] += half * (FastExp.expMinusCoarse(clamp(-logKmax - offset[i]))
                        + FastExp.expMinusCoarse(clamp(-logKmin - offset[i])));
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            sum[i] += half * (FastExp.expMinus(clamp(-logKmax - offset[i])) + FastExp.expMinus(clamp(-logKmin - offset[i])));
        }
    }

    /** log(e^a + e^b). */
    private static double logAdd(double a, double b) {
        double hi = Math.max(a, b);
        return hi == Double.NEGATIVE_INFINITY ? hi : hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
    }

    /**
     * A lower bound of log x within 0.06 of it and without a logarithm: x = 2^e m with 1 <= m < 2 and
     * log2 m >= m - 1 (log2 is concave and the two agree at m = 1 and 2); 1e-12 is taken off for rounding.
     * Running totals only grow, so a lower bound of each query's total keeps the node tests rigorous.
     */
    static double logLowerBound(double x) {
        if (!(x >= Double.MIN_NORMAL)) {
            return x > 0 ? Math.log(x) : Double.NEGATIVE_INFINITY;
        }
        int e = Math.getExponent(x);
        double mant = Math.scalb(x, -e);
        return (e + (mant - 1)) * LN2 - 1e-12 * (1 + Math.abs(e));
    }

    /** Per-block arrays of the expansion path. */
    private static final class Scratch {
        final double[][] v;
        final double[] w;
        final double[][] trainMono;
        final double[] moments;
        final double[][] u;
        final double[] x;
        final double[] a;
        final double[] acc;
        final double[][] queryMono;

        Scratch(int d, int m, int leaf, GaussTaylor taylor) {
            int terms = taylor.parent.length;
            v = new double[d][leaf];
            w = new double[leaf];
            trainMono = new double[terms][];
            trainMono[0] = w;
            moments = new double[terms];
            u = new double[d][m];
            x = new double[m];
            a = new double[m];
            acc = new double[m];
            queryMono = new double[terms][];
            queryMono[0] = new double[m];
            java.util.Arrays.fill(queryMono[0], 1);
            this.leaf = leaf;
            this.m = m;
        }

        private final int leaf;
        private final int m;
        private int allocated = 1;

        /** Allocates the monomial arrays of the first {@code terms} terms on first use. */
        void ensure(int terms) {
            for (int j = allocated; j < terms; j++) {
                trainMono[j] = new double[leaf];
                queryMono[j] = new double[m];
            }
            allocated = Math.max(allocated, terms);
        }
    }

    /**
     * Adds a gaussian leaf's terms to every query of the block by the truncated expansion of order p. With
     * centres cq, ct, q = cq + u, t = ct + v and delta = cq - ct:
     * |q - t|^2 / 2 = |q - ct|^2 / 2 - (delta.v - |v|^2 / 2) - u.v, so K = e^(-x_q) e^(e_t) e^(u.v), where only
     * e^(u.v) couples q and t and is expanded by {@link GaussTaylor} (relative error per term at most
     * rho^p / p! e^(2 rho), rho = max|u| max|v|). The moments sum_t e^(e_t - max e) v^alpha / alpha! are
     * computed once per pair. Every term of the pair lies in [e^(-x_q + max e - rho) times e^-(max e - min e),
     * e^(-x_q + max e + rho)], so offset min(offset, x_q - max e - rho) bounds all of them by 1 while the
     * largest stays above e^(-2 rho).
     */
    private void taylorLeaf(KdTree queries, int qFrom, int m, double[] qc, int node, double rho, int p,
            boolean coarse, double[] sum, double[] offset, Scratch s) {
        int d = train.d;
        int from = train.start[node];
        int len = train.end[node] - from;
        int terms = taylor.termsBelow[p];
        s.ensure(terms);
        double[] w = s.w;
        java.util.Arrays.fill(w, 0, len, 0);
        for (int k = 0; k < d; k++) {
            double ct = trainCenter[node * d + k];
            double dk = qc[k] - ct;
            double[] c = train.coords[k];
            double[] vk = s.v[k];
            for (int j = 0; j < len; j++) {
                double t = c[from + j] - ct;
                vk[j] = t;
                w[j] += t * (dk - 0.5 * t);
            }
        }
        double wmax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            wmax = Math.max(wmax, w[j]);
        }
        if (coarse) {
            for (int j = 0; j < len; j++) {
                w[j] = FastExp.expMinusCoarse(clamp(wmax - w[j]));
            }
        } else {
            for (int j = 0; j < len; j++) {
                w[j] = FastExp.expMinus(clamp(wmax - w[j]));
            }
        }
        double[] moments = s.moments;
        moments[0] = sum(w, len);
        int[] parent = taylor.parent;
        int[] dim = taylor.dim;
        double[] inv = taylor.invFactorial;
        for (int t = 1; t < terms; t++) {
            double[] par = s.trainMono[parent[t]];
            double[] vk = s.v[dim[t]];
            double[] mono = s.trainMono[t];
            for (int j = 0; j < len; j++) {
                mono[j] = par[j] * vk[j];
            }
            moments[t] = inv[t] * sum(mono, len);
        }
        double[] x = s.x;
        java.util.Arrays.fill(x, 0, m, 0);
        for (int k = 0; k < d; k++) {
            double ck = qc[k];
            double dk = ck - trainCenter[node * d + k];
            double[] c = queries.coords[k];
            double[] uk = s.u[k];
            for (int i = 0; i < m; i++) {
                double t = c[qFrom + i] - ck;
                uk[i] = t;
                double y = dk + t;
                x[i] += 0.5 * y * y;
            }
        }
        for (int i = 0; i < m; i++) {
            double low = x[i] - wmax - rho;
            if (low < offset[i]) {
                sum[i] = sum[i] == 0 ? 0 : sum[i] * Math.exp(low - offset[i]);
                offset[i] = low;
            }
        }
        double[] a = s.a;
        if (coarse) {
            for (int i = 0; i < m; i++) {
                a[i] = FastExp.expMinusCoarse(clamp(x[i] - wmax - offset[i]));
            }
        } else {
            for (int i = 0; i < m; i++) {
                a[i] = FastExp.expMinus(clamp(x[i] - wmax - offset[i]));
            }
        }
        double[] acc = s.acc;
        java.util.Arrays.fill(acc, 0, m, moments[0]);
        for (int t = 1; t < terms; t++) {
            double[] par = s.queryMono[parent[t]];
            double[] uk = s.u[dim[t]];
            double[] mono = s.queryMono[t];
            double mt = moments[t];
            for (int i = 0; i < m; i++) {
                double z = par[i] * uk[i];
                mono[i] = z;
                acc[i] += z * mt;
            }
        }
        for (int i = 0; i < m; i++) {
            sum[i] += a[i] * acc[i];
        }
    }

    /** log(sum e^-offset), minus infinity for a zero sum. */
    private static double logOf(double sum, double offset) {
        return sum > 0 ? Math.log(sum) - (Double.isFinite(offset) ? offset : 0) : Double.NEGATIVE_INFINITY;
    }

    /** Adds count * (Kmax + Kmin) / 2 to query i, moving its offset first where Kmax would exceed e^0. */
    private void add(int i, int count, double logKmax, double logKmin, double[] sum, double[] offset) {
        if (kernel.compact()) {
            sum[i] += 0.5 * count * (Math.exp(logKmax) + Math.exp(logKmin));
            return;
        }
        if (-logKmax < offset[i]) {
            sum[i] = sum[i] == 0 ? 0 : sum[i] * Math.exp(-logKmax - offset[i]);
            offset[i] = -logKmax;
        }
        sum[i] += 0.5 * count * (Math.exp(offset[i] + logKmax) + Math.exp(offset[i] + logKmin));
    }

    /** Squared distance from q to the box of a training node. */
    private double minSquaredDistance(double[] q, int node) {
        int d = q.length;
        double dmin = 0;
        for (int k = 0; k < d; k++) {
            double gap = Math.max(train.lo[node * d + k] - q[k], q[k] - train.hi[node * d + k]);
            if (gap > 0) {
                dmin += gap * gap;
            }
        }
        return dmin;
    }

    /** s[j] = |q - t_j|^2 for the leaf's points. */
    private void squaredDistances(double[] q, int from, int len, double[] s) {
        double[] c0 = train.coords[0];
        double q0 = q[0];
        if (q.length == 2) {
            double[] c1 = train.coords[1];
            double q1 = q[1];
            for (int j = 0; j < len; j++) {
                double a = q0 - c0[from + j];
                double b = q1 - c1[from + j];
                s[j] = a * a + b * b;
            }
            return;
        }
        for (int j = 0; j < len; j++) {
            double t = q0 - c0[from + j];
            s[j] = t * t;
        }
        for (int k = 1; k < q.length; k++) {
            double[] c = train.coords[k];
            double qk = q[k];
            for (int j = 0; j < len; j++) {
                double t = qk - c[from + j];
                s[j] += t * t;
            }
        }
    }

    /**
     * min(x, 50) as (x + 50 - |x - 50|) / 2, which the JIT vectorises where it does not vectorise
     * Math.min; the rounding moves x by at most an ulp of 50, a relative error of 1e-14 in e^-x.
     */
    private static double clamp(double x) {
        return 0.5 * ((x + MAX_EXPONENT) - Math.abs(x - MAX_EXPONENT));
    }

    /** The smallest exponent x (K = e^-x) among the leaf's squared distances. */
    private double exponentMin(double[] s, int len) {
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            min = Math.min(min, s[j]);
        }
        return kernel == Kernel.GAUSSIAN ? 0.5 * min : Math.sqrt(min);
    }

    /**
     * sum_j K(s_j) * e^offset (offset 0 for compact kernels); overwrites s. {@code coarse} uses the cheaper
     * exponential, whose relative error the caller has budgeted.
     */
    private double leafSum(double[] s, int len, double offset, boolean coarse) {
        switch (kernel) {
            case GAUSSIAN:
                if (coarse) {
                    for (int j = 0; j < len; j++) {
                        s[j] = FastExp.expMinusCoarse(clamp(0.5 * s[j] - offset));
                    }
                    break;
                }
                for (int j = 0; j < len; j++) {
                    s[j] = FastExp.expMinus(clamp(0.5 * s[j] - offset));
                }
                break;
            case EXPONENTIAL:
                if (coarse) {
                    for (int j = 0; j < len; j++) {
                        s[j] = FastExp.expMinusCoarse(clamp(Math.sqrt(s[j]) - offset));
                    }
                    break;
                }
                for (int j = 0; j < len; j++) {
                    s[j] = FastExp.expMinus(clamp(Math.sqrt(s[j]) - offset));
                }
                break;
            case EPANECHNIKOV:
                for (int j = 0; j < len; j++) {
                    s[j] = Math.max(0, 1 - s[j]);
                }
                break;
            case LINEAR:
                for (int j = 0; j < len; j++) {
                    s[j] = Math.max(0, 1 - Math.sqrt(s[j]));
                }
                break;
            case TOPHAT:
                for (int j = 0; j < len; j++) {
                    s[j] = s[j] < 1 ? 1 : 0;
                }
                break;
            case COSINE:
                for (int j = 0; j < len; j++) {
                    s[j] = s[j] < 1 ? Math.cos(0.5 * Math.PI * Math.sqrt(s[j])) : 0;
                }
                break;
            default:
                throw new IllegalStateException(kernel.name());
        }
        return sum(s, len);
    }
}
