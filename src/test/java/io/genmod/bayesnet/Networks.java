package io.genmod.bayesnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Random networks and brute-force enumeration of their joint, the reference for inference tests. */
final class Networks {

    private Networks() {
    }

    /** A random DAG over v0..v(n-1): each earlier variable is a parent with probability {@code edgeProbability}, at most {@code maxParents}. */
    static Dag randomDag(int n, double edgeProbability, int maxParents, SplittableRandom random) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        // Declare in a shuffled order so that index order differs from topological order.
        int[] perm = permutation(n, random);
        List<List<String>> ps = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            List<String> p = new ArrayList<>();
            for (int u = 0; u < v && p.size() < maxParents; u++) {
                if (random.nextDouble() < edgeProbability) {
                    p.add("v" + u);
                }
            }
            ps.add(p);
        }
        for (int k = 0; k < n; k++) {
            parents.put("v" + perm[k], ps.get(perm[k]));
        }
        return Dag.of(parents);
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Random states (2 or up to maxStates per variable) and CPT rows drawn from a flat Dirichlet. */
    static BayesianNetwork randomNetwork(Dag dag, int maxStates, SplittableRandom random) {
        int n = dag.size();
        List<List<String>> states = new ArrayList<>();
        int[] card = new int[n];
        for (int v = 0; v < n; v++) {
            card[v] = 2 + (maxStates > 2 ? random.nextInt(maxStates - 1) : 0);
            List<String> s = new ArrayList<>();
            for (int k = 0; k < card[v]; k++) {
                s.add("s" + k);
            }
            states.add(s);
        }
        double[][] cpts = new double[n][];
        for (int v = 0; v < n; v++) {
            int rows = 1;
            for (int p : dag.parents(v)) {
                rows *= card[p];
            }
            cpts[v] = new double[rows * card[v]];
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int s = 0; s < card[v]; s++) {
                    double e = -Math.log(1 - random.nextDouble());
                    cpts[v][r * card[v] + s] = e;
                    sum += e;
                }
                for (int s = 0; s < card[v]; s++) {
                    cpts[v][r * card[v] + s] /= sum;
                }
            }
        }
        return new BayesianNetwork(dag, states, cpts);
    }

    /**
     * The full joint by enumeration: entry k is the assignment whose state of variable v is
     * (k / prod_{u<v} card(u)) mod card(v). The CPT row is computed here from the documented layout.
     */
    static double[] joint(BayesianNetwork net) {
        int n = net.size();
        int total = 1;
        for (int v = 0; v < n; v++) {
            total *= net.cardinality(v);
        }
        double[][] cpts = new double[n][];
        for (int v = 0; v < n; v++) {
            cpts[v] = net.cpt(v);
        }
        double[] joint = new double[total];
        int[] a = new int[n];
        for (int k = 0; k < total; k++) {
            int rest = k;
            for (int v = 0; v < n; v++) {
                a[v] = rest % net.cardinality(v);
                rest /= net.cardinality(v);
            }
            double p = 1;
            for (int v = 0; v < n; v++) {
                int row = 0;
                for (int par : net.dag().parents(v)) {
                    row = row * net.cardinality(par) + a[par];
                }
                p *= cpts[v][row * net.cardinality(v) + a[v]];
            }
            joint[k] = p;
        }
        return joint;
    }

    /** State of v in joint entry k. */
    static int stateOf(BayesianNetwork net, int k, int v) {
        int rest = k;
        for (int u = 0; u < v; u++) {
            rest /= net.cardinality(u);
        }
        return rest % net.cardinality(v);
    }
}
