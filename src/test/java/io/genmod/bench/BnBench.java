package io.genmod.bench;

import io.genmod.bayesnet.BayesianNetwork;
import io.genmod.bayesnet.CptLearner;
import io.genmod.bayesnet.Dag;
import io.genmod.bayesnet.VariableElimination;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bayesian-network benchmark, printed as one line of key=value figures.
 * <ul>
 * <li>query: single-variable posteriors with 5 observed variables on a 50-node network whose parents come from the
 * 4 preceding nodes (moral graph of bandwidth 4, so tree-width at most 4), 2-3 states per node; median and
 * 99th percentile over 2,000 random queries after warm-up.</li>
 * <li>learn: CPTs of a 20-variable network (up to 3 parents, 2-4 states) from 1,000,000 int-coded records;
 * median of 5 runs after one warm-up.</li>
 * </ul>
 */
public final class BnBench {

    private BnBench() {
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        BayesianNetwork band = network(50, 4, 3, 3, random);
        int queries = 2000;
        double[] queryMs = new double[queries];
        for (int round = 0; round < 2; round++) {
            SplittableRandom qr = new SplittableRandom(7 + round);
            for (int k = 0; k < queries; k++) {
                int[] perm = permutation(50, qr);
                int[] evidence = new int[50];
                Arrays.fill(evidence, -1);
                for (int e = 1; e <= 5; e++) {
                    evidence[perm[e]] = qr.nextInt(band.cardinality(perm[e]));
                }
                long t0 = System.nanoTime();
                VariableElimination.query(band, new int[] {perm[0]}, evidence, VariableElimination.Order.MIN_FILL);
                queryMs[k] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(queryMs);

        BayesianNetwork twenty = network(20, 6, 3, 4, random);
        int n = 1_000_000;
        int[][] columns = twenty.sample(n, new SplittableRandom(1));
        List<List<String>> states = new ArrayList<>();
        for (int v = 0; v < twenty.size(); v++) {
            states.add(twenty.states(v));
        }
        CptLearner.Options options = new CptLearner.Options(0);
        CptLearner.learn(twenty.dag(), states, columns, null, options);
        double[] learnMs = new double[5];
        for (int r = 0; r < learnMs.length; r++) {
            long t0 = System.nanoTime();
            CptLearner.learn(twenty.dag(), states, columns, null, options);
            learnMs[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(learnMs);
        System.out.printf("query_ms=%.3f query_p99_ms=%.3f learn_ms=%.1f learn_records=%d learn_vars=%d cores=%d%n",
                queryMs[queries / 2], queryMs[(int) (queries * 0.99)], learnMs[2], n, twenty.size(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Node i takes up to {@code maxParents} parents among the {@code window} nodes before it. */
    static BayesianNetwork network(int n, int window, int maxParents, int maxStates, SplittableRandom random) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> p = new ArrayList<>();
            for (int j = Math.max(0, i - window); j < i && p.size() < maxParents; j++) {
                if (random.nextDouble() < 0.7) {
                    p.add("x" + j);
                }
            }
            parents.put("x" + i, p);
        }
        Dag dag = Dag.of(parents);
        int[] card = new int[n];
        List<List<String>> states = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            card[v] = 2 + random.nextInt(maxStates - 1);
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
                    cpts[v][r * card[v] + s] = 0.1 + random.nextDouble();
                    sum += cpts[v][r * card[v] + s];
                }
                for (int s = 0; s < card[v]; s++) {
                    cpts[v][r * card[v] + s] /= sum;
                }
            }
        }
        return new BayesianNetwork(dag, states, cpts);
    }

    private static int[] permutation(int n, SplittableRandom random) {
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
}
