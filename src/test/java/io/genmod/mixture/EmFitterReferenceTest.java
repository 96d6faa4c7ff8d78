package io.genmod.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.core.Fit;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * EM from given initial parameters against scikit-learn 1.2.1's GaussianMixture after the same number of
 * iterations, or stopped by the same tolerance after the same n_iter_ (values from
 * tools/reference/mixture/em_reference.py in src/test/resources/mixture).
 */
class EmFitterReferenceTest {

    /** Relative agreement asked of weights, means, covariances and the mean log-likelihood. */
    private static final double RELATIVE = 1e-6;
    /**
     * Values smaller than this are compared absolutely, relative to the unit scale of the data (a mean of 0.02
     * after 100 iterations carries rounding differences of a few 1e-8 from both sides).
     */
    private static final double SCALE_FLOOR = 0.1;
    /** No iteration stops early: scikit-learn ran with tol=0. */
    private static final double NEVER_CONVERGED = Double.MIN_VALUE;

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = EmFitterReferenceTest.class.getResourceAsStream("/mixture/em-reference.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode c : root.get("cases")) {
                cases.add(Arguments.of(c.get("name").stringValue(), c));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScikitLearnFromTheSameStart(String name, JsonNode c) {
        CovarianceType type = CovarianceType.of(c.get("covarianceType").stringValue());
        boolean stopsOnTolerance = c.has("tolerance");
        MixtureOptions options = new MixtureOptions(c.get("components").intValue(), type, Initialisation.GIVEN, 1,
                c.get("maxIterations").intValue(), stopsOnTolerance ? c.get("tolerance").doubleValue() : NEVER_CONVERGED,
                c.get("regularization").doubleValue(), 0L,
                vector(c.get("initialWeights")), matrix(c.get("initialMeans")), tensor(c.get("initialCovariances")));
        Fit<GaussianMixture> fit = new EmFitter(options).fit(matrix(c.get("x")));
        GaussianMixture m = fit.model();

        assertClose(m.weights(), vector(c.get("weights")), name + " weights");
        double[][] means = m.means();
        double[][] expectedMeans = matrix(c.get("means"));
        for (int j = 0; j < means.length; j++) {
            assertClose(means[j], expectedMeans[j], name + " means[" + j + "]");
        }
        assertClose(flatten(m.compactCovariances()), flatten(compact(c.get("covariances"))), name + " covariances");
        assertClose(new double[] {fit.diagnostics().meanLogLikelihood()},
                new double[] {c.get("meanLogLikelihood").doubleValue()}, name + " mean log-likelihood");
        if (stopsOnTolerance) {
            // the same stopping test as scikit-learn's, so the same number of M-steps (n_iter_)
            assertThat(fit.diagnostics().iterations()).as(name + " iterations").isEqualTo(c.get("iterations").intValue());
            assertThat(fit.diagnostics().converged()).isEqualTo(c.get("converged").booleanValue());
            return;
        }
        // Fewer iterations only when the log-likelihood stopped changing at all: a fixed point in floating point.
        assertThat(fit.diagnostics().converged() || fit.diagnostics().iterations() == c.get("maxIterations").intValue())
                .isTrue();
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double allowed = RELATIVE * Math.max(Math.abs(expected[i]), SCALE_FLOOR);
            assertThat(Math.abs(actual[i] - expected[i])).as(what + "[" + i + "]: " + actual[i] + " vs " + expected[i])
                    .isLessThanOrEqualTo(allowed);
        }
    }

    private static Object compact(JsonNode node) {
        return node.get(0).isArray() ? (node.get(0).get(0).isArray() ? tensor(node) : matrix(node)) : vector(node);
    }

    private static double[] flatten(Object o) {
        if (o instanceof double[] v) {
            return v;
        }
        if (o instanceof double[][] m) {
            return Stream.of(m).flatMapToDouble(java.util.Arrays::stream).toArray();
        }
        return Stream.of((double[][][]) o).flatMap(Stream::of).flatMapToDouble(java.util.Arrays::stream).toArray();
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

    static double[][][] tensor(JsonNode node) {
        double[][][] t = new double[node.size()][][];
        for (int i = 0; i < t.length; i++) {
            t[i] = matrix(node.get(i));
        }
        return t;
    }
}
