package io.genmod.api.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import io.genmod.api.TestFamilies;
import io.genmod.core.WorkingMemory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** Both classifier types over real HTTP: fit, predict, score, log-density, sample, round trip and bad input. */
@Import(TestFamilies.class)
class ClassifierIT extends ApiTest {

    private static final String MODELS = "/api/v1/models";
    /** As the issue asks for probabilities against scikit-learn. */
    private static final double PROBABILITY_TOLERANCE = 1e-9;
    private static final double TOLERANCE = 1e-12;

    /** Two 2-D classes, string labels; "b" is listed first so that sorting shows. */
    private static final double[][] X = {{4, 4}, {4, 6}, {6, 4}, {6, 6}, {0, 0}, {2, 0}, {0, 1}};
    private static final List<Object> Y = List.of("b", "b", "b", "b", "a", "a", "a");

    private Response create(Map<String, Object> body) {
        return http.post(MODELS, body);
    }

    private static Map<String, Object> body(String type, Object x, Object y, Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("x", x);
        body.put("y", y);
        if (params != null) {
            body.put("params", params);
        }
        return body;
    }

    private String created(Map<String, Object> body) {
        Response r = create(body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asString();
    }

    /**
     * Predictions (n x C probabilities) and scores (a C x C confusion matrix) too large for the memory one
     * request may use (half this JVM's heap, which also runs the server) get a 422 naming the field, not a 500.
     */
    @Test
    void refusesPredictionsAndScoresTooLargeForMemory() {
        int classes = (int) Math.sqrt(WorkingMemory.budget() / 32.0) + 1;
        List<List<Double>> x = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            // two points per class, as a naive Bayes fit needs
            x.add(List.of((double) c));
            x.add(List.of(c + 0.5));
            y.add(c);
            y.add(c);
        }
        String id = created(body("naive-bayes", x, y, null));
        Response predicted = http.post(MODELS + "/" + id + "/predict", Map.of("x", x));
        assertProblem(predicted, 422, "x");
        assertThat(predicted.body().get("detail").asString()).contains("send fewer rows");
        assertProblem(http.post(MODELS + "/" + id + "/score", Map.of("x", x.subList(0, 1), "y", y.subList(0, 1))), 422, "y");
        assertThat(http.post(MODELS + "/" + id + "/predict", Map.of("x", x.subList(0, 1))).status()).isEqualTo(200);
    }

    /** Iris over HTTP against scikit-learn's GaussianNB (tools/reference/classify/gaussian_nb.py). */
    @Test
    void naiveBayesOnIrisMatchesScikitLearnOverHttp() {
        List<String[]> rows = csv("iris.csv");
        List<double[]> x = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        for (String[] row : rows) {
            double[] v = new double[row.length - 1];
            for (int j = 0; j < v.length; j++) {
                v[j] = Double.parseDouble(row[j]);
            }
            x.add(v);
            y.add(Integer.parseInt(row[row.length - 1]));
        }
        String id = created(body("naive-bayes", x, y, null));
        Response predicted = http.post(MODELS + "/" + id + "/predict", Map.of("x", x));
        assertThat(predicted.status()).isEqualTo(200);
        assertThat(predicted.raw()).contains("\"classes\":[0,1,2]");
        Map<String, String[]> ref = new LinkedHashMap<>();
        for (String[] row : csv("gaussian-nb-iris.csv")) {
            ref.put(row[0], row);
        }
        for (int i = 0; i < x.size(); i++) {
            assertThat(predicted.body().get("labels").get(i).asLong()).isEqualTo(Long.parseLong(ref.get("predictions")[i + 1]));
            for (int c = 0; c < 3; c++) {
                assertThat(predicted.body().get("probabilities").get(i).get(c).asDouble())
                        .isCloseTo(Double.parseDouble(ref.get("proba." + i)[c + 1]), within(PROBABILITY_TOLERANCE));
            }
        }
        // log-density: log sum_c exp(jll_c) from the reference joint log-likelihoods
        Response logDensity = http.post(MODELS + "/" + id + "/log-density", Map.of("x", x.subList(0, 3)));
        for (int i = 0; i < 3; i++) {
            double[] jll = new double[3];
            for (int c = 0; c < 3; c++) {
                jll[c] = Double.parseDouble(ref.get("jll." + i)[c + 1]);
            }
            double max = Math.max(jll[0], Math.max(jll[1], jll[2]));
            double expected = max + Math.log(Math.exp(jll[0] - max) + Math.exp(jll[1] - max) + Math.exp(jll[2] - max));
            assertThat(logDensity.body().get("logDensity").get(i).asDouble()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void labelsKeepTheirTypeAndScoreAgreesWithPredict() {
        String id = created(body("naive-bayes", X, Y, Map.of("variance", "isotropic")));
        double[][] queries = {{1, 1}, {5, 5}, {3, 2.5}, {100, -100}};
        Response predicted = http.post(MODELS + "/" + id + "/predict", Map.of("x", queries));
        assertThat(predicted.raw()).contains("\"classes\":[\"a\",\"b\"]").contains("\"labels\":[\"a\",\"b\"");
        JsonNode p = predicted.body().get("probabilities");
        for (int i = 0; i < queries.length; i++) {
            assertThat(p.get(i).get(0).asDouble() + p.get(i).get(1).asDouble()).isCloseTo(1, within(TOLERANCE));
        }

        // the far row's true class is the predicted one: the other class's probability underflows to 0 in predict
        List<Object> truth = List.of("a", "b", "b", predicted.body().get("labels").get(3).asString());
        Response score = http.post(MODELS + "/" + id + "/score", Map.of("x", queries, "y", truth));
        assertThat(score.status()).as(score.raw()).isEqualTo(200);
        long[][] confusion = new long[2][2];
        double logLoss = 0;
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            int t = truth.get(i).equals("a") ? 0 : 1;
            int predictedClass = predicted.body().get("labels").get(i).asString().equals("a") ? 0 : 1;
            confusion[t][predictedClass]++;
            correct += t == predictedClass ? 1 : 0;
            logLoss -= Math.log(p.get(i).get(t).asDouble()) / truth.size();
        }
        JsonNode s = score.body();
        assertThat(s.get("n").asInt()).isEqualTo(4);
        assertThat(s.get("accuracy").asDouble()).isCloseTo(correct / 4.0, within(TOLERANCE));
        assertThat(s.get("logLoss").asDouble()).isCloseTo(logLoss, within(1e-9));
        for (int t = 0; t < 2; t++) {
            for (int c = 0; c < 2; c++) {
                assertThat(s.get("confusionMatrix").get(t).get(c).asLong()).isEqualTo(confusion[t][c]);
            }
        }
        Response logDensity = http.post(MODELS + "/" + id + "/log-density", Map.of("x", queries));
        double mean = 0;
        for (int i = 0; i < 4; i++) {
            mean += logDensity.body().get("logDensity").get(i).asDouble() / 4;
        }
        assertThat(s.get("meanLogLikelihood").asDouble()).isCloseTo(mean, within(1e-9));

        Response sample = http.post(MODELS + "/" + id + "/sample", Map.of("n", 50, "seed", 4));
        Response again = http.post(MODELS + "/" + id + "/sample", Map.of("n", 50, "seed", 4));
        assertThat(sample.raw()).isEqualTo(again.raw());
        assertThat(sample.body().get("x").size()).isEqualTo(50);
        assertThat(sample.body().get("labels").get(0).isString()).isTrue();
    }

    @Test
    void everyVarianceModelSurvivesTheRoundTrip() {
        double[][] queries = {{1, 1}, {5, 5}, {3, 2.5}};
        for (String variance : List.of("diagonal", "isotropic", "shared")) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("variance", variance);
            params.put("priors", Map.of("a", 0.25, "b", 0.75));
            String id = created(body("naive-bayes", X, Y, params));
            Response read = http.get(MODELS + "/" + id);
            assertThat(read.body().get("params").get("priors").get("a").asDouble()).isEqualTo(0.25);
            Response copy = http.post(MODELS, read.raw());
            assertThat(copy.status()).as(copy.raw()).isEqualTo(201);
            assertThat(copy.body().get("parameters")).isEqualTo(read.body().get("parameters"));
            Response original = http.post(MODELS + "/" + id + "/predict", Map.of("x", queries));
            Response imported = http.post(MODELS + "/" + copy.body().get("id").asString() + "/predict", Map.of("x", queries));
            assertThat(imported.raw()).as(variance).isEqualTo(original.raw());
        }
    }

    @Test
    void generativeClassifierWithANestedDensityFitsPredictsAndRoundTrips() {
        Map<String, Object> params = Map.of("density", Map.of("type", "test-normal", "params", Map.of("shift", 0.0)));
        String id = created(body("generative-classifier", X, List.of(2, 2, 2, 2, 1, 1, 1), params));
        Response read = http.get(MODELS + "/" + id);
        JsonNode parameters = read.body().get("parameters");
        assertThat(parameters.get("classes").toString()).isEqualTo("[1,2]");
        assertThat(parameters.get("densities").get(1).get("mean").get(0).asDouble()).isEqualTo(5.0);
        assertThat(read.body().get("params").get("density").get("type").asString()).isEqualTo("test-normal");

        // by hand: N(x | mean_c, I) with means (2/3, 1/3) and (5, 5), priors 3/7 and 4/7
        double[] q = {2, 2};
        double la = Math.log(3.0 / 7) - Math.log(2 * Math.PI) - 0.5 * (Math.pow(2 - 2.0 / 3, 2) + Math.pow(2 - 1.0 / 3, 2));
        double lb = Math.log(4.0 / 7) - Math.log(2 * Math.PI) - 0.5 * (9 + 9);
        Response predicted = http.post(MODELS + "/" + id + "/predict", Map.of("x", List.of(q)));
        assertThat(predicted.body().get("probabilities").get(0).get(0).asDouble())
                .isCloseTo(1 / (1 + Math.exp(lb - la)), within(TOLERANCE));
        assertThat(predicted.raw()).contains("\"labels\":[1]");

        Response copy = http.post(MODELS, read.raw());
        assertThat(copy.status()).as(copy.raw()).isEqualTo(201);
        Response imported = http.post(MODELS + "/" + copy.body().get("id").asString() + "/predict", Map.of("x", List.of(q)));
        assertThat(imported.raw()).isEqualTo(predicted.raw());

        Response sample = http.post(MODELS + "/" + id + "/sample", Map.of("n", 20, "seed", 1));
        assertThat(sample.body().get("labels").get(0).isIntegralNumber()).isTrue();
    }

    /** XOR over HTTP: two-component gaussian-mixture per class versus naive Bayes, scored on fresh rows. */
    @Test
    void mixturesPerClassSeparateXorOverHttp() {
        double[][][] train = xor(1_000, new java.util.SplittableRandom(1));
        double[][][] test = xor(1_000, new java.util.SplittableRandom(2));
        List<Object> trainY = labels(train[1]);
        Map<String, Object> density = Map.of("type", "gaussian-mixture", "params", Map.of("components", 2, "seed", 3));
        String gmm = created(body("generative-classifier", train[0], trainY, Map.of("density", density)));
        String again = created(body("generative-classifier", train[0], trainY, Map.of("density", density)));
        String nb = created(body("naive-bayes", train[0], trainY, null));

        JsonNode first = http.get(MODELS + "/" + gmm).body();
        assertThat(first.get("parameters")).isEqualTo(http.get(MODELS + "/" + again).body().get("parameters"));
        assertThat(first.get("params").get("density").get("params").get("seed").asLong()).isEqualTo(3);
        assertThat(first.get("parameters").get("densities").get(0).get("weights").size()).isEqualTo(2);

        Map<String, Object> scoring = Map.of("x", test[0], "y", labels(test[1]));
        Response gmmScore = http.post(MODELS + "/" + gmm + "/score", scoring);
        Response nbScore = http.post(MODELS + "/" + nb + "/score", scoring);
        assertThat(gmmScore.body().get("accuracy").asDouble()).isGreaterThan(0.95);
        assertThat(nbScore.body().get("accuracy").asDouble()).isBetween(0.4, 0.6);

        Response copy = http.post(MODELS, http.get(MODELS + "/" + gmm).raw());
        assertThat(copy.status()).as(copy.raw()).isEqualTo(201);
        Map<String, Object> rows = Map.of("x", List.of(test[0][0], test[0][1], test[0][2]));
        assertThat(http.post(MODELS + "/" + copy.body().get("id").asString() + "/predict", rows).raw())
                .isEqualTo(http.post(MODELS + "/" + gmm + "/predict", rows).raw());

        Map<String, Object> threeComponents = Map.of("type", "gaussian-mixture", "params", Map.of("components", 4));
        assertProblem(create(body("generative-classifier", X, Y, Map.of("density", threeComponents))), 422,
                "params.density.params.components", "class 'a' (3 points)");
    }

    /**
     * Every density type nested: fit, export/import round trip with equal predictions, and a row outside every
     * class histogram's support, whose posterior is the prior and whose log-density is null.
     */
    @Test
    void everyDensityTypeWorksPerClass() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        List<Double> x = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int c = i % 4 == 0 ? 0 : 1;
            x.add(c * 3 + random.nextGaussian());
            y.add(c == 0 ? "lo" : "hi");
        }
        List<Map<String, Object>> densities = List.of(
                Map.of("type", "histogram"),
                Map.of("type", "variable-histogram"),
                Map.of("type", "kernel-density", "params", Map.of("bandwidth", "silverman")),
                Map.of("type", "gaussian-mixture", "params", Map.of("components", 2, "seed", 1)));
        Map<String, Object> rows = Map.of("x", List.of(-1.0, 1.5, 4.0, 1000.0));
        for (Map<String, Object> density : densities) {
            String type = (String) density.get("type");
            String id = created(body("generative-classifier", x, y, Map.of("density", density)));
            Response read = http.get(MODELS + "/" + id);
            Response copy = http.post(MODELS, read.raw());
            assertThat(copy.status()).as(type + ": " + copy.raw()).isEqualTo(201);
            Response predicted = http.post(MODELS + "/" + id + "/predict", rows);
            assertThat(http.post(MODELS + "/" + copy.body().get("id").asString() + "/predict", rows).raw())
                    .as(type).isEqualTo(predicted.raw());
            assertThat(predicted.raw()).as(type).contains("\"classes\":[\"hi\",\"lo\"]");
            JsonNode p = predicted.body().get("probabilities");
            for (int i = 0; i < 4; i++) {
                assertThat(p.get(i).get(0).asDouble() + p.get(i).get(1).asDouble()).as(type).isCloseTo(1, within(TOLERANCE));
            }
            assertThat(predicted.body().get("labels").get(0).asString()).as(type).isEqualTo("lo");
            assertThat(predicted.body().get("labels").get(2).asString()).as(type).isEqualTo("hi");
            JsonNode logDensity = http.post(MODELS + "/" + id + "/log-density", rows).body().get("logDensity");
            if (type.contains("histogram")) {
                // 1000 lies outside both classes' bins: no evidence, so the priors 0.75 ("hi") and 0.25 ("lo")
                assertThat(p.get(3).get(0).asDouble()).as(type).isEqualTo(0.75);
                assertThat(logDensity.get(3).isNull()).as(type).isTrue();
            }
            Response score = http.post(MODELS + "/" + id + "/score", Map.of("x", x, "y", y));
            assertThat(score.body().get("accuracy").asDouble()).as(type).isGreaterThan(0.8);
            Response sample = http.post(MODELS + "/" + id + "/sample", Map.of("n", 10, "seed", 5));
            assertThat(sample.body().get("labels").size()).as(type).isEqualTo(10);
        }
    }

    /** Rows in [0] and their class (0 or 1, as a double) in [1][i][0]. */
    private static double[][][] xor(int n, java.util.SplittableRandom random) {
        double[][] x = new double[n][2];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            double sx = random.nextBoolean() ? 2 : -2;
            double sy = random.nextBoolean() ? 2 : -2;
            x[i][0] = sx + 0.5 * random.nextGaussian();
            x[i][1] = sy + 0.5 * random.nextGaussian();
            y[i][0] = sx * sy > 0 ? 0 : 1;
        }
        return new double[][][] {x, y};
    }

    private static List<Object> labels(double[][] y) {
        List<Object> labels = new ArrayList<>();
        for (double[] v : y) {
            labels.add(v[0] == 0 ? "even" : "odd");
        }
        return labels;
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        Map<String, Object> noY = new LinkedHashMap<>(Map.of("type", "naive-bayes", "x", X));
        assertProblem(create(noY), 400, "y", "required");
        assertProblem(create(body("naive-bayes", X, List.of("a", "b"), null)), 400, "y", "7 rows");
        assertProblem(create(body("naive-bayes", X, List.of("a", "a", "a", "a", "a", "a", "a"), null)), 422, "y",
                "single class 'a'");
        assertProblem(create(body("naive-bayes", X, List.of("a", "a", "a", "a", "a", "a", "b"), null)), 422, "y",
                "class 'b' has 1 point");
        List<Object> mixed = new ArrayList<>(Y);
        mixed.set(2, 7);
        assertProblem(create(body("naive-bayes", X, mixed, null)), 400, "y[2]", "mixes");
        assertProblem(create(body("naive-bayes", X, Y, Map.of("variance", "full"))), 400, "params.variance", null);
        assertProblem(create(body("naive-bayes", X, Y, Map.of("varianceSmoothing", -1))), 400, "params.varianceSmoothing", null);
        assertProblem(create(body("naive-bayes", X, Y, Map.of("smoothing", 1))), 400, "params.smoothing", null);
        assertProblem(create(body("naive-bayes", X, Y, Map.of("priors", Map.of("a", 0.5, "c", 0.5)))), 400,
                "params.priors.c", "not a class");
        assertProblem(create(body("naive-bayes", X, Y, Map.of("priors", Map.of("a", 0.5, "b", 0.6)))), 400,
                "params.priors", "sum to 1");

        String id = created(body("naive-bayes", X, Y, null));
        assertProblem(http.post(MODELS + "/" + id + "/score", Map.of("x", X, "y", List.of("a", "a", "z", "b", "b", "b", "b"))),
                400, "y[2]", "not a class");
        assertProblem(http.post(MODELS + "/" + id + "/score", Map.of("x", X, "y", List.of(1, 1, 1, 1, 1, 1, 1))),
                400, "y[0]", "string");
        assertProblem(http.post(MODELS + "/" + id + "/score", Map.of("x", X)), 400, "y", "required");
        assertProblem(http.post(MODELS + "/" + id + "/predict", Map.of("x", List.of(List.of(1, 2, 3)))), 400, "x[0]", null);

        assertProblem(create(body("generative-classifier", X, Y, null)), 400, "params.density", "required");
        assertProblem(create(body("generative-classifier", X, Y, Map.of("density", Map.of("type", "nope")))), 400,
                "params.density.type", "unknown");
        assertProblem(create(body("generative-classifier", X, Y, Map.of("density", Map.of("type", "naive-bayes")))), 400,
                "params.density.type", "not a density");
        assertProblem(create(body("generative-classifier", X, Y, Map.of("density", Map.of("type", "test-normal", "x", X)))),
                400, "params.density.x", "must not be given");
        assertProblem(create(body("generative-classifier", X, Y,
                Map.of("density", Map.of("type", "test-normal", "params", Map.of("bogus", 1))))), 400,
                "params.density.params.bogus", null);
        assertProblem(create(body("generative-classifier", X, List.of("a", "a", "a", "a", "a", "a", "b"),
                Map.of("density", Map.of("type", "test-normal")))), 422, "y", "class 'b' has 1 point");
    }

    @Test
    void badImportedParametersAreProblemsNamingTheField() {
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("classes", List.of("a", "b"));
        good.put("priors", List.of(0.5, 0.5));
        good.put("means", List.of(List.of(0.0, 0.0), List.of(1.0, 1.0)));
        good.put("variances", List.of(1.0, 2.0));
        Map<String, Object> isotropic = Map.of("variance", "isotropic");
        assertThat(create(imported("naive-bayes", good, isotropic)).status()).isEqualTo(201);

        assertProblem(create(imported("naive-bayes", good, null)), 400, "parameters.variances[0]", "columns");
        assertProblem(create(imported("naive-bayes", with(good, "classes", List.of("b", "a")), isotropic)), 400,
                "parameters.classes", "sorted");
        assertProblem(create(imported("naive-bayes", with(good, "priors", List.of(0.5, 0.6)), isotropic)), 400,
                "parameters.priors", "sum to 1");
        assertProblem(create(imported("naive-bayes", with(good, "variances", List.of(1.0, -2.0)), isotropic)), 400,
                "parameters.variances", "positive");
        assertProblem(create(imported("naive-bayes", with(good, "means", List.of(List.of(0.0, 0.0))), isotropic)), 400,
                "parameters.means", "one row per class");
        Map<String, Object> both = imported("naive-bayes", good, isotropic);
        both.put("x", X);
        assertProblem(create(both), 400, "parameters", "not both");

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("classes", List.of(1, 2));
        nested.put("priors", List.of(0.5, 0.5));
        nested.put("densities", List.of(Map.of("mean", List.of(0.0))));
        assertProblem(create(imported("generative-classifier", nested, Map.of("density", Map.of("type", "test-normal")))),
                400, "parameters.densities", "one density per class");
    }

    private static Map<String, Object> imported(String type, Map<String, Object> parameters, Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("parameters", parameters);
        if (params != null) {
            body.put("params", params);
        }
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static List<String[]> csv(String file) {
        try (InputStream in = ClassifierIT.class.getResourceAsStream("/classify/" + file)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.strip().split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
