package io.genmod.bayesnet;

import io.genmod.core.InvalidParameterException;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A discrete Bayesian network: a {@link Dag}, the states of each variable and one conditional probability
 * table (CPT) per variable. Immutable. Data are int-coded: a state is its index in {@link #states(int)}.
 *
 * <p>CPT layout: {@code cpt(v)[row * card(v) + state]} = P(v = state | parents in configuration {@code row}),
 * where {@code row} enumerates parent configurations with the first parent varying slowest
 * (see {@link #row(int, int[])}).
 */
public final class BayesianNetwork {

    /** Largest allowed deviation of a CPT row sum from 1. */
    public static final double ROW_SUM_TOLERANCE = 1e-9;

    private final Dag dag;
    private final String[][] states;
    private final int[] card;
    private final double[][] cpts;
    private final Factor[] factors;

    /**
     * @param states per variable, at least one state each, no repeats. Copied.
     * @param cpts   per variable in the layout above; rows must be finite, non-negative and sum to 1
     *               within {@link #ROW_SUM_TOLERANCE}. Copied.
     * @throws InvalidParameterException with field {@code states.<name>} or {@code cpts.<name>.rows[r]}
     */
    public BayesianNetwork(Dag dag, List<List<String>> states, double[][] cpts) {
        int n = dag.size();
        if (states.size() != n || cpts.length != n) {
            throw new IllegalArgumentException("states and cpts must have one entry per variable");
        }
        this.dag = dag;
        this.states = new String[n][];
        this.card = new int[n];
        for (int v = 0; v < n; v++) {
            List<String> s = states.get(v);
            if (s.isEmpty()) {
                throw new InvalidParameterException("states." + dag.name(v), "must list at least one state");
            }
            if (s.stream().distinct().count() != s.size()) {
                throw new InvalidParameterException("states." + dag.name(v), "lists a state twice");
            }
            this.states[v] = s.toArray(String[]::new);
            card[v] = s.size();
        }
        this.cpts = new double[n][];
        this.factors = new Factor[n];
        for (int v = 0; v < n; v++) {
            int rows = rowCount(v);
            if (cpts[v].length != (long) rows * card[v]) {
                throw new InvalidParameterException("cpts." + dag.name(v), "must have " + rows + " rows of "
                        + card[v] + " probabilities");
            }
            this.cpts[v] = cpts[v].clone();
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int s = 0; s < card[v]; s++) {
                    double p = this.cpts[v][r * card[v] + s];
                    if (!Double.isFinite(p) || p < 0 || p > 1) {
                        throw new InvalidParameterException("cpts." + dag.name(v) + ".rows[" + r + "]",
                                "probability of '" + this.states[v][s] + "' is " + p + "; must be in [0, 1]");
                    }
                    sum += p;
                }
                if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                    throw new InvalidParameterException("cpts." + dag.name(v) + ".rows[" + r + "]",
                            "probabilities sum to " + sum + "; must sum to 1 within " + ROW_SUM_TOLERANCE);
                }
            }
            factors[v] = toFactor(v);
        }
    }

    public Dag dag() {
        return dag;
    }

    public int size() {
        return dag.size();
    }

    /** Number of states of variable {@code v}. */
    public int cardinality(int v) {
        return card[v];
    }

    public List<String> states(int v) {
        return List.of(states[v]);
    }

    /** Index of a state of {@code v}, or -1. */
    public int stateIndex(int v, String state) {
        for (int s = 0; s < states[v].length; s++) {
            if (states[v][s].equals(state)) {
                return s;
            }
        }
        return -1;
    }

    /** Number of parent configurations of {@code v}. */
    public int rowCount(int v) {
        long rows = 1;
        for (int p : dag.parents(v)) {
            rows *= card[p];
            if (rows > Integer.MAX_VALUE / Math.max(1, card[v])) {
                throw new InvalidParameterException("states", "the CPT of '" + dag.name(v) + "' would be too large");
            }
        }
        return (int) rows;
    }

    /** The CPT of {@code v} in the layout described on the class. A copy. */
    public double[] cpt(int v) {
        return cpts[v].clone();
    }

    /** P(v = state | parent configuration row). */
    public double probability(int v, int row, int state) {
        return cpts[v][row * card[v] + state];
    }

    /** Row of {@code v}'s CPT for a full assignment (state per variable index). Not modified. */
    public int row(int v, int[] assignment) {
        int r = 0;
        for (int p : dag.parents(v)) {
            r = r * card[p] + assignment[p];
        }
        return r;
    }

    /** Number of free parameters: sum over variables of rows * (states - 1). */
    public int parameterCount() {
        long k = 0;
        for (int v = 0; v < size(); v++) {
            k += (long) rowCount(v) * (card[v] - 1);
        }
        return (int) Math.min(Integer.MAX_VALUE, k);
    }

    /**
     * Log-probability of each record.
     *
     * @param columns {@code columns[v][i]} = state of variable v in record i. Not modified.
     */
    public double[] logProbabilities(int[][] columns) {
        int n = columns[0].length;
        double[] lp = new double[n];
        int[] rows = new int[n];
        for (int v = 0; v < size(); v++) {
            java.util.Arrays.fill(rows, 0);
            for (int p : dag.parents(v)) {
                int cp = card[p];
                int[] col = columns[p];
                for (int i = 0; i < n; i++) {
                    rows[i] = rows[i] * cp + col[i];
                }
            }
            double[] t = cpts[v];
            int c = card[v];
            int[] col = columns[v];
            for (int i = 0; i < n; i++) {
                lp[i] += Math.log(t[rows[i] * c + col[i]]);
            }
        }
        return lp;
    }

    /**
     * Ancestral sampling (Koller and Friedman 2009, Algorithm 12.1): each variable in topological order drawn
     * from its CPT row given the already drawn parents.
     *
     * @return {@code columns[v][i]}, the state of variable v in draw i
     */
    public int[][] sample(int n, RandomGenerator random) {
        int[][] columns = new int[size()][n];
        int[] order = dag.topologicalOrder();
        int[] assignment = new int[size()];
        for (int i = 0; i < n; i++) {
            for (int v : order) {
                int base = row(v, assignment) * card[v];
                double u = random.nextDouble();
                int s = 0;
                double acc = cpts[v][base];
                while (u >= acc && s < card[v] - 1) {
                    acc += cpts[v][base + ++s];
                }
                // Skip trailing zero-probability states that rounding could land on.
                while (cpts[v][base + s] == 0 && s > 0) {
                    s--;
                }
                assignment[v] = s;
                columns[v][i] = s;
            }
        }
        return columns;
    }

    /** The CPT of {@code v} as a factor over v and its parents. */
    Factor factor(int v) {
        return factors[v];
    }

    private Factor toFactor(int v) {
        int[] parents = dag.parents(v);
        int m = parents.length + 1;
        int[] family = new int[m];
        System.arraycopy(parents, 0, family, 0, parents.length);
        family[parents.length] = v;
        int[] vars = family.clone();
        java.util.Arrays.sort(vars);
        int[] fcard = new int[m];
        for (int l = 0; l < m; l++) {
            fcard[l] = card[vars[l]];
        }
        // position of each family member in the sorted factor, and its factor stride
        int[] fstride = new int[m];
        int s = 1;
        int[] strideOfVar = new int[m];
        for (int l = 0; l < m; l++) {
            fstride[l] = s;
            s *= fcard[l];
        }
        for (int k = 0; k < m; k++) {
            strideOfVar[k] = fstride[java.util.Arrays.binarySearch(vars, family[k])];
        }
        double[] values = new double[s];
        int[] a = new int[m];
        int[] famCard = new int[m];
        for (int k = 0; k < m; k++) {
            famCard[k] = card[family[k]];
        }
        // Enumerate CPT cells in storage order (first parent slowest, child fastest).
        double[] t = cpts[v];
        for (int c = 0; c < t.length; c++) {
            int idx = 0;
            for (int k = 0; k < m; k++) {
                idx += a[k] * strideOfVar[k];
            }
            values[idx] = t[c];
            for (int k = m - 1; k >= 0; k--) {
                if (++a[k] < famCard[k]) {
                    break;
                }
                a[k] = 0;
            }
        }
        return new Factor(vars, fcard, values, 0);
    }
}
