package io.genmod.api.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import io.genmod.core.WorkingMemory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The gaussian-mixture type over real HTTP: fit, read, predict, sample, score, import/export and bad input. */
class GaussianMixtureIT extends ApiTest {

    /** Round-off allowed when checking that the trace never decreases. */
    private static final double MONOTONE_SLACK = 1e-12;

    private static final double EXACT = 1e-12;
    private static final String[] TYPES = {"full", "tied", "diag", "spherical"};

    /** Three clusters in 2-D, fixed seed. */
    private static String data(int n) {
        SplittableRandom random = new SplittableRandom(42);
        double[][] centres = {{-5, 0}, {5, 0}, {0, 6}};
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            double[] c = centres[i % 3];
            s.append(i > 0 ? "," : "").append('[').append(c[0] + random.nextGaussian()).append(',')
                    .append(c[1] + 0.5 * random.nextGaussian()).append(']');
        }
        return s.append(']').toString();
    }

    private Response create(String x, String params) {
        return http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"x\":" + x + ",\"params\":" + params + "}");
    }

    @Test
    void fitsReadsPredictsSamplesAndScores() {
        String x = data(300);
        Response created = create(x, "{\"components\":3,\"covarianceType\":\"diag\",\"seed\":1,\"nInit\":3}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode model = created.body();
        String id = model.get("id").asString();
        assertThat(model.get("dimension").asInt()).isEqualTo(2);
        assertThat(model.get("trainingSize").asInt()).isEqualTo(300);
        JsonNode params = model.get("params");
        assertThat(params.get("fitter").asString()).isEqualTo("em");
        assertThat(params.get("init").asString()).isEqualTo("kmeans++");
        assertThat(params.get("maxIterations").asInt()).isEqualTo(100);
        assertThat(params.get("tolerance").asDouble()).isEqualTo(1e-3);
        assertThat(params.get("regularization").asDouble()).isEqualTo(1e-6);
        JsonNode parameters = model.get("parameters");
        assertThat(parameters.get("weights").size()).isEqualTo(3);
        assertThat(parameters.get("means").get(0).size()).isEqualTo(2);
        assertThat(parameters.get("covariances").get(0).size()).isEqualTo(2);
        JsonNode diagnostics = model.get("diagnostics");
        assertThat(diagnostics.get("fitter").asString()).isEqualTo("em");
        assertThat(diagnostics.get("converged").asBoolean()).isTrue();
        assertThat(diagnostics.get("parameterCount").asInt()).isEqualTo(2 + 6 + 6);
        JsonNode trace = diagnostics.get("trace");
        assertThat(trace.size()).isEqualTo(diagnostics.get("iterations").asInt() + 1);
        assertThat(trace.get(trace.size() - 1).asDouble()).isEqualTo(diagnostics.get("meanLogLikelihood").asDouble());
        for (int i = 1; i < trace.size(); i++) {
            // never decreasing, up to the rounding of the sums (EM's guarantee holds in exact arithmetic)
            assertThat(trace.get(i).asDouble()).isGreaterThanOrEqualTo(trace.get(i - 1).asDouble() - MONOTONE_SLACK);
        }

        assertThat(http.get("/api/v1/models/" + id).body().get("parameters")).isEqualTo(parameters);

        Response predict = http.post("/api/v1/models/" + id + "/predict", "{\"x\": [[-5, 0], [5, 0], [0, 6]]}");
        assertThat(predict.status()).as(predict.raw()).isEqualTo(200);
        assertThat(predict.body().get("classes").toString()).isEqualTo("[0,1,2]");
        JsonNode labels = predict.body().get("labels");
        assertThat(labels.get(0).asInt()).isNotEqualTo(labels.get(1).asInt()).isNotEqualTo(labels.get(2).asInt());
        for (int i = 0; i < 3; i++) {
            JsonNode row = predict.body().get("probabilities").get(i);
            assertThat(row.get(0).asDouble() + row.get(1).asDouble() + row.get(2).asDouble()).isCloseTo(1, within(EXACT));
            assertThat(row.get(labels.get(i).asInt()).asDouble()).isGreaterThan(0.99);
        }

        Response sample = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 20, \"seed\": 5}");
        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.body().get("x").size()).isEqualTo(20);
        assertThat(sample.body().get("labels").size()).isEqualTo(20);
        assertThat(sample.body().get("labels").get(0).isIntegralNumber()).isTrue();
        assertThat(http.post("/api/v1/models/" + id + "/sample", "{\"n\": 20, \"seed\": 5}").raw()).isEqualTo(sample.raw());

        Response score = http.post("/api/v1/models/" + id + "/score", "{\"x\": " + x + "}");
        assertThat(score.body().get("n").asInt()).isEqualTo(300);
        assertThat(score.body().get("meanLogLikelihood").asDouble())
                .isCloseTo(diagnostics.get("meanLogLikelihood").asDouble(), within(EXACT));
    }

    @Test
    void exportedModelsRoundTripForEveryCovarianceType() {
        String x = data(150);
        String probe = "{\"x\": [[0.5, 1.5], [-4, 0.2], [3, 7]]}";
        for (String type : TYPES) {
            Response created = create(x, "{\"components\":2,\"covarianceType\":\"" + type + "\",\"seed\":3}");
            assertThat(created.status()).as(created.raw()).isEqualTo(201);
            Response copy = http.post("/api/v1/models", created.raw());
            assertThat(copy.status()).as(copy.raw()).isEqualTo(201);
            assertThat(copy.body().get("parameters")).isEqualTo(created.body().get("parameters"));
            assertThat(copy.body().get("params").get("covarianceType").asString()).isEqualTo(type);
            JsonNode a = http.post("/api/v1/models/" + created.body().get("id").asString() + "/log-density", probe).body();
            JsonNode b = http.post("/api/v1/models/" + copy.body().get("id").asString() + "/log-density", probe).body();
            // bit for bit: the weights are kept as given when they sum to 1 up to the rounding of the sum
            assertThat(b.get("logDensity")).as(type).isEqualTo(a.get("logDensity"));
        }
        // weights whose floating-point sum is 1.0000000000000002 survive any number of round trips unchanged
        String given = "{\"type\":\"gaussian-mixture\",\"parameters\":{\"weights\":[0.25080035158228114,"
                + "0.38578547652188355,0.3634141718958354],\"means\":[[0],[1],[2]],\"covariances\":[[[1]],[[1]],[[1]]]}}";
        Response first = http.post("/api/v1/models", given);
        Response again = http.post("/api/v1/models", http.post("/api/v1/models", first.raw()).raw());
        assertThat(again.body().get("parameters").get("weights")).isEqualTo(first.body().get("parameters").get("weights"));
        assertThat(first.body().get("parameters").get("weights").get(0).asDouble()).isEqualTo(0.25080035158228114);
    }

    @Test
    void importsGivenParametersAndSamplesFromThem() {
        Response created = http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"params\":{\"covarianceType\":\"spherical\"},"
                + "\"parameters\":{\"weights\":[0.25,0.75],\"means\":[[0],[10]],\"covariances\":[1,4]}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("params").get("components").asInt()).isEqualTo(2);
        String id = created.body().get("id").asString();
        // log(0.25 N(0 | 0, 1) + 0.75 N(0 | 10, 4)) is dominated by the first term to 1e-12
        Response log = http.post("/api/v1/models/" + id + "/log-density", "{\"x\": [0]}");
        double expected = Math.log(0.25 / Math.sqrt(2 * Math.PI) + 0.75 * Math.exp(-100 / 8.0) / Math.sqrt(8 * Math.PI));
        assertThat(log.body().get("logDensity").get(0).asDouble()).isCloseTo(expected, within(EXACT));
        Response sample = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 4000, \"seed\": 1}");
        double mean = 0;
        for (JsonNode row : sample.body().get("x")) {
            mean += row.get(0).asDouble() / 4000;
        }
        // mixture mean 7.5, sd sqrt(0.25 + 3 + 18.75) ~ 4.7, five standard errors ~ 0.37
        assertThat(mean).isCloseTo(7.5, within(0.37));
        // so far out that both squared distances overflow: the posterior's limit, all on the wider component
        Response far = http.post("/api/v1/models/" + id + "/predict", "{\"x\": [1e200]}");
        assertThat(far.status()).as(far.raw()).isEqualTo(200);
        assertThat(far.body().get("labels").get(0).asInt()).isEqualTo(1);
        assertThat(far.body().get("probabilities").get(0).get(0).asDouble()).isEqualTo(0.0);
        assertThat(far.body().get("probabilities").get(0).get(1).asDouble()).isEqualTo(1.0);
    }

    @Test
    void givenInitialValuesImplyGivenInit() {
        Response created = create(data(90), "{\"components\":3,\"covarianceType\":\"tied\",\"maxIterations\":0,"
                + "\"initialWeights\":[0.2,0.3,0.5],\"initialMeans\":[[-5,0],[5,0],[0,6]],\"initialCovariances\":[[1,0],[0,1]]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("params").get("init").asString()).isEqualTo("given");
        assertThat(created.body().get("parameters").get("weights").toString()).isEqualTo("[0.2,0.3,0.5]");
        assertThat(created.body().get("parameters").get("covariances").toString()).isEqualTo("[[1.0,0.0],[0.0,1.0]]");
    }

    @Test
    void rejectsBadInputNamingTheFieldAndStoresNothing() {
        long before = total();
        String x = data(30);
        assertProblem(create("[[1.0, 2.0], [1.0, \"NaN\"]]", "{}"), 400, "x[1][1]");
        assertProblem(create("[[1.0, 2.0], [\"Infinity\", 2.0]]", "{}"), 400, "x[1][0]");
        assertProblem(create("[[1.0, 2.0], [1.0]]", "{}"), 400, "x[1]");
        assertProblem(create("[]", "{}"), 400, "x");
        assertProblem(create("[[1.0, 2.0], [3.0, 4.0]]", "{\"components\":3}"), 422, "params.components");
        assertProblem(create(x, "{\"covarianceType\":\"banded\"}"), 400, "params.covarianceType");
        assertProblem(create(x, "{\"compnents\":2}"), 400, "params.compnents");
        assertProblem(create(x, "{\"components\":0}"), 400, "params.components");
        assertProblem(create(x, "{\"tolerance\":0}"), 400, "params.tolerance");
        assertProblem(create(x, "{\"regularization\":-1}"), 400, "params.regularization");
        assertProblem(create(x, "{\"init\":\"kmeans\"}"), 400, "params.init");
        assertProblem(create(x, "{\"fitter\":\"newton\"}"), 400, "params.fitter");
        assertProblem(create(x, "{\"initialMeans\":[[0,0,0]]}"), 400, "params.initialMeans[0]");
        assertProblem(create(x, "{\"init\":\"given\"}"), 400, "params.initialMeans");
        assertProblem(create("[[1, 5], [2, 5], [3, 5], [4, 5]]", "{\"regularization\":0}"), 422, "params.regularization");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"parameters\":{\"weights\":[0.5,0.6],"
                + "\"means\":[[0],[1]],\"covariances\":[[[1]],[[1]]]}}"), 400, "parameters.weights");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"parameters\":{\"weights\":[1],"
                + "\"means\":[[0,0]],\"covariances\":[[[1,2],[2,1]]]}}"), 400, "parameters.covariances");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"parameters\":{\"weights\":[1],"
                + "\"means\":[[0]],\"covariances\":[[[1]]],\"extra\":1}}"), 400, "parameters.extra");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"x\":[1,2],\"parameters\":{\"weights\":[1],"
                + "\"means\":[[0]],\"covariances\":[[[1]]]}}"), 400, "parameters");
        assertThat(total()).isEqualTo(before);

        String id = create(x, "{\"components\":2,\"seed\":1}").body().get("id").asString();
        assertProblem(http.post("/api/v1/models/" + id + "/predict", "{\"x\": [[1, 2, 3]]}"), 400, "x[0]");
        assertProblem(http.post("/api/v1/models/" + id + "/predict", "{\"x\": [[1, \"Infinity\"]]}"), 400, "x[0][1]");
        assertProblem(http.post("/api/v1/models/" + id + "/log-density", "{\"x\": [1, 2]}"), 400, "x[0]");
        assertThat(total()).isEqualTo(before + 1);
    }

    /**
     * A fit or a prediction whose n x k responsibilities alone would exceed the memory one request may use
     * (half the heap of this JVM, which also runs the server) gets a 422 naming the field to change, before any
     * work: it once failed half-way with an OutOfMemoryError and a 500.
     */
    @Test
    void refusesFitsAndPredictionsTooLargeForMemory() {
        long before = total();
        int k = GaussianMixtureFamily.MAX_COMPONENTS;
        int n = (int) (WorkingMemory.budget() / Double.BYTES / k) + 1;
        Response fit = create(oneColumn(n), "{\"components\":" + k + "}");
        assertProblem(fit, 422, "params.components");
        assertThat(fit.body().get("detail").asString()).contains("use fewer components");
        assertThat(total()).isEqualTo(before);

        StringBuilder means = new StringBuilder("[");
        StringBuilder weights = new StringBuilder("[");
        StringBuilder variances = new StringBuilder("[");
        for (int j = 0; j < k; j++) {
            String sep = j > 0 ? "," : "";
            means.append(sep).append('[').append(j).append(']');
            weights.append(sep).append(1.0 / k);
            variances.append(sep).append(1);
        }
        Response created = http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"params\":{\"covarianceType\":"
                + "\"spherical\"},\"parameters\":{\"weights\":" + weights + "],\"means\":" + means + "],\"covariances\":"
                + variances + "]}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asString();
        Response predict = http.post("/api/v1/models/" + id + "/predict", "{\"x\": " + oneColumn(n) + "}");
        assertProblem(predict, 422, "x");
        assertThat(predict.body().get("detail").asString()).contains("send fewer rows");
        assertThat(http.post("/api/v1/models/" + id + "/predict", "{\"x\": [[1]]}").status()).isEqualTo(200);
    }

    /** A million draws of as many coordinates as exceed the memory one request may use: 422 on n. */
    @Test
    void refusesSamplesTooLargeForMemory() {
        int draws = 1_000_000;
        int d = (int) (WorkingMemory.budget() / 32 / draws) + 1;
        String zeros = "[" + "0,".repeat(d - 1) + "0]";
        String ones = "[" + "1,".repeat(d - 1) + "1]";
        Response created = http.post("/api/v1/models", "{\"type\":\"gaussian-mixture\",\"params\":{\"covarianceType\":"
                + "\"diag\"},\"parameters\":{\"weights\":[1],\"means\":[" + zeros + "],\"covariances\":[" + ones + "]}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.body().get("id").asString();
        Response sample = http.post("/api/v1/models/" + id + "/sample", "{\"n\": " + draws + "}");
        assertProblem(sample, 422, "n");
        assertThat(sample.body().get("detail").asString()).contains("draw fewer");
        assertThat(sample.body().get("title").asString()).isEqualTo("Cannot answer the request");
        assertThat(http.post("/api/v1/models/" + id + "/sample", "{\"n\": 10}").status()).isEqualTo(200);
    }

    /** [[0], [1], ..., [n - 1]]. */
    private static String oneColumn(int n) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i > 0 ? "," : "").append('[').append(i).append(']');
        }
        return s.append(']').toString();
    }

    private long total() {
        return http.get("/api/v1/models").body().get("total").asLong();
    }
}
