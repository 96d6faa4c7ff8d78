package io.genmod.bayesnet;

import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Learns CPTs by maximum likelihood with an optional symmetric Dirichlet prior: theta[v][r][s] =
 * (N[v][r][s] + alpha) / (N[v][r] + alpha * card(v)), the posterior mean under Dirichlet(alpha, ..., alpha)
 * (Koller and Friedman 2009, section 17.4). A parent configuration with no data and alpha = 0 gets a uniform
 * row, counted in {@link Learned#unseenCount()} and listed (the first {@link #LISTED_UNSEEN}) in
 * {@link Learned#unseenRows()}. Variables are counted in parallel; results are deterministic.
 */
public final class CptLearner {

    /** @param pseudoCount Dirichlet alpha added to every cell, finite and at least 0 */
    public record Options(double pseudoCount) {
        public Options {
            if (!Double.isFinite(pseudoCount) || pseudoCount < 0) {
                throw new InvalidParameterException("pseudoCount", "must be a finite number at least 0");
            }
        }
    }

    /** A parent configuration of {@code variable} that had no data and got a uniform row. */
    public record UnseenRow(int variable, int row) {
    }

    /**
     * The fit and the rows that were set uniform for lack of data: how many, and the first
     * {@link #LISTED_UNSEEN} of them by variable and row.
     */
    public record Learned(Fit<BayesianNetwork> fit, List<UnseenRow> unseenRows, long unseenCount) {
    }

    /** Unseen rows listed at most: a network with millions of CPT rows and little data has millions of them. */
    public static final int LISTED_UNSEEN = 1000;

    private CptLearner() {
    }

    /**
     * @param states  per variable. Not modified.
     * @param columns {@code columns[v][i]}: state index of variable v in record i, in range. Not modified.
     * @param weights weight (count) of each record, finite and at least 0, or null for weight 1. Not modified.
     * @throws UnfittableDataException (field "records") when there is no record or the total weight is 0
     */
    public static Learned learn(Dag dag, List<List<String>> states, int[][] columns, double[] weights, Options options) {
        long start = System.nanoTime();
        int nv = dag.size();
        int n = columns.length == 0 ? 0 : columns[0].length;
        double totalWeight = 0;
        if (weights == null) {
            totalWeight = n;
        } else {
            for (double w : weights) {
                totalWeight += w;
            }
        }
        if (n == 0 || totalWeight <= 0) {
            throw new UnfittableDataException(weights == null ? "records" : "counts",
                    "there is no data to learn from (no records, or all counts are 0)");
        }
        if (totalWeight == Double.POSITIVE_INFINITY) {
            throw new UnfittableDataException("counts", "the counts add up to more than the largest number (about "
                    + "1.8e308); divide them all by the same factor");
        }
        int[] card = new int[nv];
        for (int v = 0; v < nv; v++) {
            card[v] = states.get(v).size();
        }
        double alpha = options.pseudoCount();
        double[][] cpts = new double[nv][];
        double[] logLik = new double[nv];
        @SuppressWarnings("unchecked")
        List<UnseenRow>[] unseen = new List[nv];
        long[] unseenCounts = new long[nv];
        IntStream.range(0, nv).parallel().forEach(v -> {
            int[] parents = dag.parents(v);
            long rowsL = 1;
            for (int p : parents) {
                rowsL *= card[p];
            }
            if (rowsL * card[v] > Integer.MAX_VALUE - 8) {
                throw new InvalidParameterException("states", "the CPT of '" + dag.name(v) + "' would be too large");
            }
            int rows = (int) rowsL;
            int c = card[v];
            double[] counts = new double[rows * c];
            int[] idx = new int[n];
            for (int p : parents) {
                int cp = card[p];
                int[] col = columns[p];
                for (int i = 0; i < n; i++) {
                    idx[i] = idx[i] * cp + col[i];
                }
            }
            int[] col = columns[v];
            if (weights == null) {
                int[] ic = new int[rows * c];
                for (int i = 0; i < n; i++) {
                    ic[idx[i] * c + col[i]]++;
                }
                for (int k = 0; k < ic.length; k++) {
                    counts[k] = ic[k];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    counts[idx[i] * c + col[i]] += weights[i];
                }
            }
            double[] theta = new double[rows * c];
            List<UnseenRow> empty = new ArrayList<>();
            double ll = 0;
            for (int r = 0; r < rows; r++) {
                double rowTotal = 0;
                for (int s = 0; s < c; s++) {
                    rowTotal += counts[r * c + s];
                }
                double denominator = rowTotal + alpha * c;
                if (denominator == 0) {
                    if (empty.size() < LISTED_UNSEEN) {
                        empty.add(new UnseenRow(v, r));
                    }
                    unseenCounts[v]++;
                    for (int s = 0; s < c; s++) {
                        theta[r * c + s] = 1.0 / c;
                    }
                    continue;
                }
                for (int s = 0; s < c; s++) {
                    double t = (counts[r * c + s] + alpha) / denominator;
                    theta[r * c + s] = t;
                    if (counts[r * c + s] > 0) {
                        ll += counts[r * c + s] * Math.log(t);
                    }
                }
            }
            cpts[v] = theta;
            logLik[v] = ll;
            unseen[v] = empty;
        });
        BayesianNetwork net = new BayesianNetwork(dag, states, cpts);
        double ll = 0;
        // each variable's rows are in row order, so the variables in order list them by variable and row
        List<UnseenRow> listed = new ArrayList<>();
        long unseenCount = 0;
        for (int v = 0; v < nv; v++) {
            ll += logLik[v];
            listed.addAll(unseen[v].subList(0, Math.min(unseen[v].size(), LISTED_UNSEEN - listed.size())));
            unseenCount += unseenCounts[v];
        }
        int size = (int) Math.min(Integer.MAX_VALUE, Math.round(totalWeight));
        long millis = (System.nanoTime() - start) / 1_000_000;
        Diagnostics d = new Diagnostics(alpha > 0 ? "dirichlet-smoothed" : "maximum-likelihood", null, null, ll,
                ll / totalWeight, null,
                net.parameterCount() >= 0 ? io.genmod.core.InformationCriteria.bic(ll, net.parameterCount(), size) : null,
                io.genmod.core.InformationCriteria.aic(ll, net.parameterCount()), net.parameterCount(), millis);
        return new Learned(new Fit<>(net, d), List.copyOf(listed), unseenCount);
    }
}
