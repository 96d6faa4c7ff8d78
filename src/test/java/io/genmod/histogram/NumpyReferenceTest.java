package io.genmod.histogram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bin edges, counts and densities against numpy 1.24 ({@code histogram_bin_edges}, {@code histogram},
 * {@code histogramdd}); the values come from tools/reference/histogram/bin_edges_reference.py.
 */
class NumpyReferenceTest {

    /** Edges equal numpy's to this relative error (relative to the span of the edges). */
    private static final double EDGE_TOLERANCE = 1e-12;
    private static final double DENSITY_TOLERANCE = 1e-12;

    private static JsonNode reference() throws Exception {
        try (InputStream in = NumpyReferenceTest.class.getResourceAsStream("/histogram/numpy_bin_edges.json")) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static double[] doubles(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = node.get(i).asDouble();
        }
        return v;
    }

    private static double[][] column(double[] v) {
        double[][] x = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            x[i][0] = v[i];
        }
        return x;
    }

    @Test
    void edgesCountsAndDensitiesEqualNumpys() throws Exception {
        JsonNode ref = reference();
        List<String> checked = new ArrayList<>();
        for (JsonNode c : ref.get("cases")) {
            double[] data = doubles(ref.get("datasets").get(c.get("data").asString()));
            JsonNode binsNode = c.get("bins");
            HistogramFitter.Bins bins = binsNode.isNumber() ? HistogramFitter.Bins.of(binsNode.asInt())
                    : HistogramFitter.Bins.of(BinRule.of(binsNode.asString()));
            double[][] range = c.get("range").isNull() ? null : new double[][] {doubles(c.get("range"))};
            Histogram h = HistogramFitter.fit(column(data),
                    new HistogramFitter.Options(List.of(bins), range, 0, HistogramFitter.DEFAULT_MAX_CELLS)).model();
            double[] expected = doubles(c.get("edges"));
            double[] actual = h.edges()[0];
            String label = c.get("data").asString() + "/" + binsNode + "/" + c.get("range");
            assertThat(actual.length).as(label).isEqualTo(expected.length);
            double span = expected[expected.length - 1] - expected[0];
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(actual[i] - expected[i])).as(label + " edge " + i)
                        .isLessThanOrEqualTo(EDGE_TOLERANCE * Math.max(span, Math.abs(expected[i])));
            }
            if (c.has("counts")) {
                double[] counts = doubles(c.get("counts"));
                double[] density = doubles(c.get("density"));
                assertThat(h.counts()).as(label).containsExactly(counts);
                double[] ours = h.densities();
                for (int i = 0; i < density.length; i++) {
                    assertThat(ours[i]).as(label + " density " + i)
                            .isCloseTo(density[i], org.assertj.core.api.Assertions.within(DENSITY_TOLERANCE * (1 + density[i])));
                }
            }
            checked.add(label);
        }
        assertThat(checked).hasSizeGreaterThan(100);
    }

    @Test
    void twoDimensionalGridEqualsHistogramdd() throws Exception {
        JsonNode g = reference().get("grid2d");
        double[][] x = new double[g.get("x").size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = doubles(g.get("x").get(i));
        }
        Histogram h = HistogramFitter.fit(x, new HistogramFitter.Options(
                List.of(HistogramFitter.Bins.of(4), HistogramFitter.Bins.of(6)), null, 0,
                HistogramFitter.DEFAULT_MAX_CELLS)).model();
        assertThat(h.shape()).containsExactly(4, 6);
        double[] counts = h.counts();
        double[] density = h.densities();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 6; b++) {
                assertThat(counts[a * 6 + b]).isEqualTo(g.get("counts").get(a).get(b).asDouble());
                double expected = g.get("density").get(a).get(b).asDouble();
                assertThat(density[a * 6 + b]).isCloseTo(expected,
                        org.assertj.core.api.Assertions.within(DENSITY_TOLERANCE * (1 + expected)));
            }
        }
        for (int k = 0; k < 2; k++) {
            double[] expected = doubles(g.get("edges").get(k));
            for (int i = 0; i < expected.length; i++) {
                assertThat(h.edges()[k][i]).isCloseTo(expected[i], org.assertj.core.api.Assertions.within(EDGE_TOLERANCE * 10));
            }
        }
    }
}
