package io.genmod.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.bayesnet.VariableElimination.Order;
import io.genmod.bayesnet.VariableElimination.Posterior;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every posterior is checked against brute-force enumeration of the joint. */
class VariableEliminationTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void posteriorsAgreeWithEnumerationOnRandomNetworks() {
        SplittableRandom random = new SplittableRandom(7);
        int checked = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + random.nextInt(10); // up to 12 variables
            boolean binary = n > 9 || random.nextBoolean();
            Dag dag = Networks.randomDag(n, 0.4, 4, random);
            BayesianNetwork net = Networks.randomNetwork(dag, binary ? 2 : 3, random);
            double[] joint = Networks.joint(net);
            int[] perm = Networks.permutation(n, random);
            int queryCount = 1 + random.nextInt(Math.min(3, n - 1));
            int evidenceCount = random.nextInt(n - queryCount + 1);
            int[] query = Arrays.copyOf(perm, queryCount);
            int[] evidence = new int[n];
            Arrays.fill(evidence, -1);
            for (int k = 0; k < evidenceCount; k++) {
                int v = perm[queryCount + k];
                evidence[v] = random.nextInt(net.cardinality(v));
            }
            for (Order order : Order.values()) {
                Posterior p = VariableElimination.query(net, query, evidence, order);
                double[] expected = bruteForce(net, joint, query, evidence);
                assertThat(p.probabilities()).hasSize(expected.length);
                for (int k = 0; k < expected.length; k++) {
                    assertThat(p.probabilities()[k]).isCloseTo(expected[k], within(TOLERANCE));
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(400);
    }

    @Test
    void logEvidenceIsTheEnumeratedProbabilityOfTheEvidence() {
        SplittableRandom random = new SplittableRandom(11);
        Dag dag = Networks.randomDag(8, 0.5, 3, random);
        BayesianNetwork net = Networks.randomNetwork(dag, 3, random);
        double[] joint = Networks.joint(net);
        int[] evidence = {-1, 1, -1, 0, -1, -1, 1, -1};
        double pe = 0;
        for (int k = 0; k < joint.length; k++) {
            if (consistent(net, k, evidence)) {
                pe += joint[k];
            }
        }
        Posterior p = VariableElimination.query(net, new int[] {0}, evidence, Order.MIN_FILL);
        assertThat(Math.exp(p.logEvidence())).isCloseTo(pe, within(TOLERANCE));
    }

    @Test
    void longChainWithManyUnlikelyObservationsDoesNotUnderflow() {
        // a chain of 600 binary variables, each observed in a state of probability 0.01: P(e) = 1e-1200
        int n = 601;
        java.util.Map<String, List<String>> parents = new java.util.LinkedHashMap<>();
        parents.put("x0", List.of());
        for (int i = 1; i < n; i++) {
            parents.put("x" + i, List.of("x" + (i - 1)));
        }
        Dag dag = Dag.of(parents);
        List<List<String>> states = java.util.Collections.nCopies(n, List.of("a", "b"));
        double[][] cpts = new double[n][];
        cpts[0] = new double[] {0.5, 0.5};
        for (int i = 1; i < n; i++) {
            cpts[i] = new double[] {0.99, 0.01, 0.99, 0.01};
        }
        BayesianNetwork net = new BayesianNetwork(dag, states, cpts);
        int[] evidence = new int[n];
        Arrays.fill(evidence, 1);
        evidence[0] = -1;
        Posterior p = VariableElimination.query(net, new int[] {0}, evidence, Order.MIN_DEGREE);
        // x0 is independent of nothing here: each child row is the same, so the posterior is the prior.
        assertThat(p.probabilities()[0]).isCloseTo(0.5, within(TOLERANCE));
        assertThat(p.logEvidence()).isCloseTo(600 * Math.log(0.01), within(1e-9));
    }

    @Test
    void evidenceOfProbabilityZeroIsRejected() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        BayesianNetwork net = new BayesianNetwork(dag, List.of(List.of("0", "1"), List.of("0", "1")),
                new double[][] {{1.0, 0.0}, {0.3, 0.7, 0.0, 1.0}});
        assertThatThrownBy(() -> VariableElimination.query(net, new int[] {1}, new int[] {1, -1}, Order.MIN_FILL))
                .isInstanceOf(UnfittableDataException.class)
                .hasMessageContaining("probability 0")
                .extracting(e -> ((UnfittableDataException) e).field()).isEqualTo("evidence");
    }

    /**
     * Subnormal CPT entries: P(a) = (1, 1e-320), P(b = 1 | a = 0) = 1e-320, P(b = 1 | a = 1) = 1/2, so
     * P(a | b = 1) is proportional to (1e-320, 5e-321): (2/3, 1/3) up to the few digits a subnormal holds.
     * (The rescaling multiplied by 1 / max, which overflows for such a maximum, and answered NaN.)
     */
    @Test
    void subnormalProbabilitiesStillGiveThePosterior() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        BayesianNetwork net = new BayesianNetwork(dag, List.of(List.of("0", "1"), List.of("0", "1")),
                new double[][] {{1.0, 1e-320}, {1.0, 1e-320, 0.5, 0.5}});
        double[] p = VariableElimination.query(net, new int[] {0}, new int[] {-1, 1}, Order.MIN_FILL).probabilities();
        assertThat(p[0]).isCloseTo(2.0 / 3, within(1e-3));
        assertThat(p[1]).isCloseTo(1.0 / 3, within(1e-3));
    }

    @Test
    void queryVariablesMustBeDistinctAndUnobserved() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        BayesianNetwork net = new BayesianNetwork(dag, List.of(List.of("0", "1"), List.of("0", "1")),
                new double[][] {{0.5, 0.5}, {0.3, 0.7, 0.1, 0.9}});
        assertThatThrownBy(() -> VariableElimination.query(net, new int[] {0}, new int[] {1, -1}, Order.MIN_FILL))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("also in the evidence");
        assertThatThrownBy(() -> VariableElimination.query(net, new int[] {0, 0}, new int[] {-1, -1}, Order.MIN_FILL))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> VariableElimination.query(net, new int[0], new int[] {-1, -1}, Order.MIN_FILL))
                .isInstanceOf(InvalidParameterException.class);
    }

    /** P(query | evidence) by summing the enumerated joint, in odometer order (last query variable fastest). */
    static double[] bruteForce(BayesianNetwork net, double[] joint, int[] query, int[] evidence) {
        int size = 1;
        for (int q : query) {
            size *= net.cardinality(q);
        }
        double[] p = new double[size];
        double total = 0;
        for (int k = 0; k < joint.length; k++) {
            if (!consistent(net, k, evidence)) {
                continue;
            }
            int idx = 0;
            for (int q : query) {
                idx = idx * net.cardinality(q) + Networks.stateOf(net, k, q);
            }
            p[idx] += joint[k];
            total += joint[k];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= total;
        }
        return p;
    }

    static boolean consistent(BayesianNetwork net, int k, int[] evidence) {
        for (int v = 0; v < evidence.length; v++) {
            if (evidence[v] >= 0 && Networks.stateOf(net, k, v) != evidence[v]) {
                return false;
            }
        }
        return true;
    }
}
