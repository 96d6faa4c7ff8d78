package io.genmod.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CptLearnerTest {

    private static final double EXACT = 1e-12;
    /** Allowed error of a CPT entry learnt from 100,000 ancestral samples (the bound). */
    private static final double SAMPLING = 0.01;

    private static final List<String> SCHOOLS = List.of("A", "B", "C", "D", "E", "F");
    private static final int[] MALE = {62, 63, 37, 33, 28, 6};
    private static final int[] FEMALE = {82, 68, 34, 35, 24, 7};

    @Test
    void schoolAdmissionCountsReproduceTheTableConditionals() {
        Dag dag = Factorisation.parse("P(z)P(s|z)");
        List<List<String>> states = List.of(List.of("female", "male"), SCHOOLS);
        int[][] columns = new int[2][12];
        double[] weights = new double[12];
        for (int k = 0; k < 6; k++) {
            columns[0][k] = 1;
            columns[1][k] = k;
            weights[k] = MALE[k];
            columns[0][6 + k] = 0;
            columns[1][6 + k] = k;
            weights[6 + k] = FEMALE[k];
        }
        CptLearner.Learned learned = CptLearner.learn(dag, states, columns, weights, new CptLearner.Options(0));
        BayesianNetwork net = learned.fit().model();
        int males = 229;
        int females = 250;
        assertThat(net.probability(0, 0, 1)).isCloseTo(229.0 / 479, within(EXACT));
        for (int k = 0; k < 6; k++) {
            assertThat(net.probability(1, 1, k)).as("P(s=%s | male)", SCHOOLS.get(k))
                    .isCloseTo((double) MALE[k] / males, within(EXACT));
            assertThat(net.probability(1, 0, k)).as("P(s=%s | female)", SCHOOLS.get(k))
                    .isCloseTo((double) FEMALE[k] / females, within(EXACT));
        }
        assertThat(learned.unseenRows()).isEmpty();
        double ll = 0;
        for (int k = 0; k < 6; k++) {
            ll += MALE[k] * Math.log((double) MALE[k] / 479) + FEMALE[k] * Math.log((double) FEMALE[k] / 479);
        }
        assertThat(learned.fit().diagnostics().logLikelihood()).isCloseTo(ll, within(1e-9));
        assertThat(learned.fit().diagnostics().parameterCount()).isEqualTo(1 + 2 * 5);
    }

    @Test
    void pseudoCountIsAddedToEveryCell() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        List<List<String>> states = List.of(List.of("0", "1"), List.of("0", "1", "2"));
        int[][] columns = {{0, 0, 0, 1}, {0, 0, 2, 1}};
        BayesianNetwork net = CptLearner.learn(dag, states, columns, null, new CptLearner.Options(1.0)).fit().model();
        assertThat(net.probability(0, 0, 0)).isCloseTo(4.0 / 6, within(EXACT));
        assertThat(net.cpt(1)).containsExactly(new double[] {3.0 / 6, 1.0 / 6, 2.0 / 6, 1.0 / 4, 2.0 / 4, 1.0 / 4},
                within(EXACT));
    }

    @Test
    void unseenParentConfigurationGetsAUniformRowAndIsListed() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        List<List<String>> states = List.of(List.of("0", "1"), List.of("x", "y", "z", "w"));
        int[][] columns = {{0, 0}, {1, 2}};
        CptLearner.Learned learned = CptLearner.learn(dag, states, columns, null, new CptLearner.Options(0));
        assertThat(learned.unseenRows()).containsExactly(new CptLearner.UnseenRow(1, 1));
        assertThat(learned.unseenCount()).isEqualTo(1);
        for (int s = 0; s < 4; s++) {
            assertThat(learned.fit().model().probability(1, 1, s)).isEqualTo(0.25);
        }
    }

    @Test
    void manyUnseenRowsAreCountedAndTheFirstListedInOrder() {
        // one record: b's 3 rows (one per state of a) have 2 unseen, listed first (variable order); c's 3 * 2000
        // rows have 5999 unseen, listed next in row order
        Dag dag = Factorisation.parse("P(a)P(b|a)P(c|a,b)");
        List<String> many = java.util.stream.IntStream.range(0, 2000).mapToObj(Integer::toString).toList();
        List<List<String>> states = List.of(List.of("0", "1", "2"), many, List.of("x", "y"));
        int[][] columns = {{1}, {7}, {0}};
        CptLearner.Learned learned = CptLearner.learn(dag, states, columns, null, new CptLearner.Options(0));
        assertThat(learned.unseenCount()).isEqualTo(2 + 5999);
        assertThat(learned.unseenRows()).hasSize(CptLearner.LISTED_UNSEEN);
        assertThat(learned.unseenRows().subList(0, 3)).containsExactly(new CptLearner.UnseenRow(1, 0),
                new CptLearner.UnseenRow(1, 2), new CptLearner.UnseenRow(2, 0));
        // row of (a = 1, b = 7) is 1 * 2000 + 7, seen: skipped in the list
        assertThat(learned.unseenRows()).doesNotContain(new CptLearner.UnseenRow(2, 2007));
        assertThat(learned.unseenRows().get(CptLearner.LISTED_UNSEEN - 1))
                .isEqualTo(new CptLearner.UnseenRow(2, CptLearner.LISTED_UNSEEN - 3));
    }

    @Test
    void ancestralSamplesRecoverTheCpts() {
        SplittableRandom random = new SplittableRandom(5);
        Dag dag = Factorisation.parse("P(a)P(b|a)P(c|a)P(d|b,c)P(e|d)");
        // Rows mixed half and half with uniform keep every parent configuration frequent (at least 1/16 of draws
        // for d), so the standard error of every learnt entry stays below 0.0063.
        BayesianNetwork random0 = Networks.randomNetwork(dag, 2, random);
        double[][] cpts = new double[dag.size()][];
        for (int v = 0; v < dag.size(); v++) {
            cpts[v] = random0.cpt(v);
            for (int k = 0; k < cpts[v].length; k++) {
                cpts[v][k] = 0.5 * cpts[v][k] + 0.25;
            }
        }
        BayesianNetwork truth = new BayesianNetwork(dag, statesOf(random0), cpts);
        int[][] columns = truth.sample(100_000, new SplittableRandom(99));
        BayesianNetwork learnt = CptLearner.learn(dag, statesOf(truth), columns, null, new CptLearner.Options(0))
                .fit().model();
        int entries = 0;
        for (int v = 0; v < dag.size(); v++) {
            double[] expected = truth.cpt(v);
            double[] actual = learnt.cpt(v);
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).as("CPT of %s entry %d", dag.name(v), k).isCloseTo(expected[k], within(SAMPLING));
                entries++;
            }
        }
        assertThat(entries).isEqualTo(2 + 4 + 4 + 8 + 4);
        int[][] again = truth.sample(100_000, new SplittableRandom(99));
        assertThat(again).isDeepEqualTo(columns);
    }

    @Test
    void logProbabilitiesMatchTheJoint() {
        SplittableRandom random = new SplittableRandom(3);
        Dag dag = Networks.randomDag(6, 0.5, 3, random);
        BayesianNetwork net = Networks.randomNetwork(dag, 3, random);
        double[] joint = Networks.joint(net);
        int[][] columns = new int[6][joint.length];
        for (int k = 0; k < joint.length; k++) {
            for (int v = 0; v < 6; v++) {
                columns[v][k] = Networks.stateOf(net, k, v);
            }
        }
        double[] lp = net.logProbabilities(columns);
        for (int k = 0; k < joint.length; k++) {
            assertThat(lp[k]).isCloseTo(Math.log(joint[k]), within(1e-12));
        }
    }

    @Test
    void invalidInputIsRejected() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        List<List<String>> states = List.of(List.of("0", "1"), List.of("0", "1"));
        assertThatThrownBy(() -> new CptLearner.Options(-1)).isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("pseudoCount");
        assertThatThrownBy(() -> new CptLearner.Options(Double.NaN)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> CptLearner.learn(dag, states, new int[][] {{0}, {0}}, new double[] {0},
                new CptLearner.Options(0))).isInstanceOf(UnfittableDataException.class);
        assertThatThrownBy(() -> new BayesianNetwork(dag, states, new double[][] {{0.5, 0.5}, {0.3, 0.7, 0.2, 0.7}}))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("must sum to 1")
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("cpts.b.rows[1]");
        assertThatThrownBy(() -> new BayesianNetwork(dag, states, new double[][] {{1.5, -0.5}, {0.3, 0.7, 0.2, 0.8}}))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new BayesianNetwork(dag, List.of(List.of("0", "0"), List.of("0", "1")),
                new double[][] {{0.5, 0.5}, {0.3, 0.7, 0.2, 0.8}})).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("twice");
    }

    private static List<List<String>> statesOf(BayesianNetwork net) {
        return java.util.stream.IntStream.range(0, net.size()).mapToObj(net::states).toList();
    }
    /** Counts whose sum overflows are refused naming {@code counts}, not turned into NaN probabilities. */
    @Test
    void countsThatOverflowTheirSumAreRefused() {
        Dag dag = Factorisation.parse("P(a)P(b|a)");
        List<List<String>> states = List.of(List.of("n", "y"), List.of("n", "y"));
        int[][] columns = {{1, 1}, {0, 1}};
        assertThatThrownBy(() -> CptLearner.learn(dag, states, columns, new double[] {1.7e308, 1.7e308},
                new CptLearner.Options(1)))
                .isInstanceOf(UnfittableDataException.class)
                .hasMessageContaining("1.8e308")
                .extracting(e -> ((UnfittableDataException) e).field()).isEqualTo("counts");
    }
}
