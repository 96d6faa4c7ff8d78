package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genmod.core.Fit;
import io.genmod.core.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Variational Bayes against scikit-learn 1.2.1's BayesianGaussianMixture from the same initial
 * responsibilities (tools/reference/mixture-vb/vb_reference.py, values in src/test/resources/mixture-vb),
 * and properties of the Dirichlet-process fit.
 */
class VariationalFitterTest {

    /** Relative agreement asked of weights, means, covariances, concentrations and the lower bound. */
    private static final double RELATIVE = 1e-6;
    /** Values below this (in data units) are compared absolutely at RELATIVE * SCALE_FLOOR. */
    private static final double SCALE_FLOOR = 1e-3;
    /** Round-off allowed in "never decreasing" of the lower bound per point. */
    private static final double MONOTONE_SLACK = 1e-12;
    private static final double NEVER_CONVERGED = Double.MIN_VALUE;
    private static final long SEED = 424242L;

    private static JsonNode root;

    static synchronized JsonNode root() throws IOException {
        if (root == null) {
            try (InputStream in = VariationalFitterTest.class.getResourceAsStream("/mixture-vb/vb-reference.json")) {
                root = new ObjectMapper().readTree(in);
            }
        }
        return root;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : root().get("cases")) {
            cases.add(Arguments.of(c.get("name").stringValue(), c));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScikitLearnFromTheSameResponsibilities(String name, JsonNode c) throws IOException {
        JsonNode data = root().get("data").get(c.get("data").stringValue());
        double[][] x = matrix(data.get("x"));
        double[][] resp = matrix(data.get("responsibilities"));
        CovarianceType type = CovarianceType.of(c.get("covarianceType").stringValue());
        int k = c.get("components").intValue();
        MixtureOptions common = new MixtureOptions(k, type, Initialisation.RANDOM, 1, c.get("maxIterations").intValue(),
                NEVER_CONVERGED, c.get("regularization").doubleValue(), SEED, null, null, null);
        JsonNode p = c.get("params");
        VariationalOptions.WeightPrior prior = VariationalOptions.WeightPrior.of(c.get("weightPrior").stringValue());
        VariationalOptions options = p.has("weightConcentration")
                ? new VariationalOptions(prior, p.get("weightConcentration").doubleValue(),
                p.get("meanPrecisionPrior").doubleValue(), p.get("degreesOfFreedomPrior").doubleValue(),
                matrix(p.get("covariancePrior")))
                : VariationalOptions.defaults(prior);

        VariationalFitter.Result result = new VariationalFitter(common, options).fit(x, resp);
        GaussianMixture m = result.fit().model();

        assertThat(result.fit().diagnostics().iterations()).isEqualTo(c.get("maxIterations").intValue());
        assertClose(m.weights(), vector(c.get("weights")), name + " weights");
        double[][] means = m.means();
        double[][] expectedMeans = matrix(c.get("means"));
        for (int j = 0; j < k; j++) {
            assertClose(means[j], expectedMeans[j], name + " means[" + j + "]");
        }
        assertClose(flatten(m.compactCovariances()), flatten(c.get("covariances")), name + " covariances");
        JsonNode wc = c.get("weightConcentration");
        for (int r = 0; r < wc.size(); r++) {
            assertClose(result.weightConcentration()[r], vector(wc.get(r)), name + " concentration " + r);
        }
        double lowerBound = c.get("lowerBound").doubleValue();
        assertThat(result.lowerBound()).as(name + " lower bound")
                .isCloseTo(lowerBound, org.assertj.core.data.Offset.offset(RELATIVE * Math.abs(lowerBound)));
        double[] trace = result.fit().diagnostics().trace();
        assertThat(trace[trace.length - 1] * x.length).isCloseTo(result.lowerBound(),
                org.assertj.core.data.Offset.offset(1e-9 * Math.abs(lowerBound)));
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).as(name + " lower bound at iteration " + (i + 1))
                    .isGreaterThanOrEqualTo(trace[i - 1] - MONOTONE_SLACK * Math.abs(trace[i - 1]));
        }
    }

    /** Three clusters 12 standard deviations apart, truncation 10: the stick-breaking prior empties the rest. */
    @Test
    void dirichletProcessLeavesAboutThreeComponentsOnThreeClusters() {
        double[][] centres = {{0, 0}, {12, 0}, {0, 12}};
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] x = new double[900][];
        for (int i = 0; i < x.length; i++) {
            double[] c = centres[i % 3];
            x[i] = new double[] {c[0] + random.nextGaussian(), c[1] + random.nextGaussian()};
        }
        MixtureOptions common = new MixtureOptions(10, CovarianceType.FULL, Initialisation.KMEANS_PLUS_PLUS, 1, 500,
                1e-6, 1e-6, SEED, null, null, null);
        Fit<GaussianMixture> fit = new VariationalFitter(common,
                VariationalOptions.defaults(VariationalOptions.WeightPrior.DIRICHLET_PROCESS)).fit(x);
        double[] w = fit.model().weights();
        long effective = Arrays.stream(w).filter(v -> v > 0.01).count();
        assertThat(effective).isEqualTo(3);
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        for (int j = 7; j < 10; j++) {
            assertThat(sorted[j]).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(0.02));
        }
        double[] trace = fit.diagnostics().trace();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - MONOTONE_SLACK * Math.abs(trace[i - 1]));
        }
        assertThat(fit.diagnostics().converged()).isTrue();
        double mean = Arrays.stream(fit.model().logDensity(x)).average().orElseThrow();
        assertThat(fit.diagnostics().meanLogLikelihood()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void optionsRejectNonPositivePriorsNamingTheField() {
        VariationalOptions.WeightPrior dp = VariationalOptions.WeightPrior.DIRICHLET_PROCESS;
        assertThatThrownBy(() -> new VariationalOptions(dp, 0.0, 1, null, null))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("weightConcentration");
        assertThatThrownBy(() -> new VariationalOptions(dp, null, -1, null, null))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("meanPrecisionPrior");
        assertThatThrownBy(() -> new VariationalOptions(dp, null, 1, 0.0, null))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("degreesOfFreedomPrior");
        assertThatThrownBy(() -> new VariationalOptions(dp, null, 1, null, new double[][] {{0}}))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("covariancePrior");
        double[][] x = {{0, 1}, {1, 0}, {2, 2}, {3, 1}};
        MixtureOptions common = new MixtureOptions(2, CovarianceType.FULL, Initialisation.RANDOM, 1, 5, 1e-3, 1e-6, SEED,
                null, null, null);
        assertThatThrownBy(() -> new VariationalFitter(common, new VariationalOptions(dp, null, 1, 0.5, null)).fit(x))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("degreesOfFreedomPrior");
        assertThatThrownBy(() -> new VariationalFitter(common,
                new VariationalOptions(dp, null, 1, null, new double[][] {{1, 2}, {2, 1}})).fit(x))
                .isInstanceOf(InvalidParameterException.class).extracting("field").isEqualTo("covariancePrior");
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = RELATIVE * Math.max(Math.abs(expected[i]), SCALE_FLOOR);
            assertThat(actual[i]).as(what + "[" + i + "]").isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    private static double[] flatten(Object compact) {
        List<Double> values = new ArrayList<>();
        flattenInto(compact, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flattenInto(Object o, List<Double> values) {
        if (o instanceof double[] v) {
            for (double e : v) {
                values.add(e);
            }
        } else if (o instanceof Object[] a) {
            for (Object e : a) {
                flattenInto(e, values);
            }
        } else if (o instanceof JsonNode n) {
            if (n.isNumber()) {
                values.add(n.doubleValue());
            } else {
                for (JsonNode e : n) {
                    flattenInto(e, values);
                }
            }
        }
    }

    static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).doubleValue();
        }
        return v;
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i));
        }
        return m;
    }
}
