package io.genmod.bayesnet;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Exact posterior P(query | evidence) by sum-product variable elimination (Koller and Friedman 2009,
 * Algorithm 9.1) with a greedy elimination order by min-fill or min-degree (ibid. section 9.4.3.2).
 * Variables that are not ancestors of the query or the evidence are dropped first: they sum to one
 * (barren nodes, ibid. section 9.3.1.2).
 */
public final class VariableElimination {

    /** Greedy elimination-order heuristics. */
    public enum Order {
        /** Eliminate the variable whose elimination adds the fewest fill edges. */
        MIN_FILL,
        /** Eliminate the variable with the fewest neighbours. */
        MIN_DEGREE
    }

    /**
     * A posterior table over {@code variables}: {@code probabilities[k]} for the k-th assignment in odometer
     * order, the last variable varying fastest.
     *
     * @param logEvidence log P(evidence)
     */
    public record Posterior(int[] variables, int[] cardinalities, double[] probabilities, double logEvidence,
                            int[] eliminationOrder) {
    }

    private VariableElimination() {
    }

    /**
     * @param query    distinct variable indices, none observed. Not modified.
     * @param evidence state per variable index, -1 where unobserved. Not modified.
     * @throws InvalidParameterException (field "variables") for an empty, repeated or observed query variable
     * @throws UnfittableDataException   (field "evidence") when the evidence has probability zero
     */
    public static Posterior query(BayesianNetwork net, int[] query, int[] evidence, Order order) {
        int n = net.size();
        if (query.length == 0) {
            throw new InvalidParameterException("variables", "must name at least one variable");
        }
        boolean[] isQuery = new boolean[n];
        for (int q : query) {
            if (isQuery[q]) {
                throw new InvalidParameterException("variables", "'" + net.dag().name(q) + "' is listed twice");
            }
            if (evidence[q] >= 0) {
                throw new InvalidParameterException("variables", "'" + net.dag().name(q) + "' is also in the evidence");
            }
            isQuery[q] = true;
        }
        boolean[] marked = isQuery.clone();
        for (int v = 0; v < n; v++) {
            if (evidence[v] >= 0) {
                marked[v] = true;
            }
        }
        boolean[] relevant = net.dag().ancestralClosure(marked);
        // Interaction graph over the relevant variables (local indices), as neighbour bit sets.
        int[] local = new int[n];
        int m = 0;
        for (int v = 0; v < n; v++) {
            local[v] = relevant[v] ? m++ : -1;
        }
        int[] global = new int[m];
        for (int v = 0; v < n; v++) {
            if (relevant[v]) {
                global[local[v]] = v;
            }
        }
        List<Factor> factors = new ArrayList<>();
        BitSet[] adjacent = new BitSet[m];
        for (int i = 0; i < m; i++) {
            adjacent[i] = new BitSet(m);
        }
        BitSet toEliminate = new BitSet(m);
        for (int v = 0; v < n; v++) {
            if (!relevant[v]) {
                continue;
            }
            Factor f = net.factor(v).reduce(evidence);
            factors.add(f);
            for (int a : f.vars) {
                for (int b : f.vars) {
                    if (a != b) {
                        adjacent[local[a]].set(local[b]);
                    }
                }
            }
            if (!isQuery[v] && evidence[v] < 0) {
                toEliminate.set(local[v]);
            }
        }
        int[] eliminated = new int[toEliminate.cardinality()];
        long[] cost = new long[m];
        int[] scratch = new int[m];
        for (int v = toEliminate.nextSetBit(0); v >= 0; v = toEliminate.nextSetBit(v + 1)) {
            cost[v] = cost(adjacent, v, order, scratch);
        }
        BitSet dirty = new BitSet(m);
        for (int step = 0; step < eliminated.length; step++) {
            int bestLocal = -1;
            for (int v = toEliminate.nextSetBit(0); v >= 0; v = toEliminate.nextSetBit(v + 1)) {
                if (bestLocal < 0 || cost[v] < cost[bestLocal]) {
                    bestLocal = v;
                }
            }
            int best = global[bestLocal];
            eliminated[step] = best;
            toEliminate.clear(bestLocal);
            // Only the neighbours of the eliminated variable and their neighbours change cost.
            dirty.clear();
            BitSet nb = adjacent[bestLocal];
            for (int a = nb.nextSetBit(0); a >= 0; a = nb.nextSetBit(a + 1)) {
                dirty.set(a);
                dirty.or(adjacent[a]);
            }
            connectNeighbours(adjacent, bestLocal);
            dirty.and(toEliminate);
            for (int v = dirty.nextSetBit(0); v >= 0; v = dirty.nextSetBit(v + 1)) {
                cost[v] = cost(adjacent, v, order, scratch);
            }
            Factor product = null;
            List<Factor> rest = new ArrayList<>(factors.size());
            for (Factor f : factors) {
                if (f.contains(best)) {
                    product = product == null ? f : Factor.product(product, f);
                } else {
                    rest.add(f);
                }
            }
            if (product != null) {
                rest.add(product.sumOut(best));
            }
            factors = rest;
        }
        Factor joint = new Factor(new int[0], new int[0], new double[] {1.0}, 0);
        for (Factor f : factors) {
            joint = Factor.product(joint, f);
        }
        double total = 0;
        for (double x : joint.values) {
            total += x;
        }
        if (total == 0) {
            throw new UnfittableDataException("evidence", "the evidence has probability 0 under this model, "
                    + "so no posterior is defined");
        }
        return toPosterior(joint, query, total, eliminated);
    }

    /** Reorders the factor's table (first variable fastest) into odometer order over {@code query}. */
    private static Posterior toPosterior(Factor joint, int[] query, double total, int[] eliminated) {
        int m = query.length;
        int[] card = new int[m];
        int[] stride = new int[m];
        for (int k = 0; k < m; k++) {
            int s = 1;
            for (int l = 0; l < joint.vars.length; l++) {
                if (joint.vars[l] == query[k]) {
                    card[k] = joint.card[l];
                    stride[k] = s;
                }
                s *= joint.card[l];
            }
        }
        double[] p = new double[joint.values.length];
        int[] a = new int[m];
        int idx = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = joint.values[idx] / total;
            for (int k = m - 1; k >= 0; k--) {
                if (++a[k] < card[k]) {
                    idx += stride[k];
                    break;
                }
                a[k] = 0;
                idx -= (card[k] - 1) * stride[k];
            }
        }
        return new Posterior(query.clone(), card, p, Math.log(total) + joint.logScale, eliminated);
    }

    /** Fill edges (pairs of unconnected neighbours) or degree of {@code v}. */
    private static long cost(BitSet[] adjacent, int v, Order order, int[] scratch) {
        BitSet nb = adjacent[v];
        if (order == Order.MIN_DEGREE) {
            return nb.cardinality();
        }
        int k = 0;
        for (int a = nb.nextSetBit(0); a >= 0; a = nb.nextSetBit(a + 1)) {
            scratch[k++] = a;
        }
        long cost = 0;
        for (int i = 0; i < k; i++) {
            BitSet row = adjacent[scratch[i]];
            for (int j = i + 1; j < k; j++) {
                if (!row.get(scratch[j])) {
                    cost++;
                }
            }
        }
        return cost;
    }

    /** Makes the neighbours of {@code v} a clique and removes {@code v}. */
    private static void connectNeighbours(BitSet[] adjacent, int v) {
        BitSet nb = adjacent[v];
        for (int a = nb.nextSetBit(0); a >= 0; a = nb.nextSetBit(a + 1)) {
            adjacent[a].or(nb);
            adjacent[a].clear(a);
            adjacent[a].clear(v);
        }
        nb.clear();
    }
}
