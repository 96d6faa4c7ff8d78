package io.genmod.api.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The gradient and variational fitters of gaussian-mixture over real HTTP: fits, export/import and bad input. */
class MixtureFittersIT extends ApiTest {

    /** Three clusters in 2-D, fixed seed. */
    private static String data(int n) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] centres = {{-6, 0}, {6, 0}, {0, 8}};
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
    void gradientFitReportsItsParamsAndTrace() {
        Response r = create(data(300), "{\"components\":3,\"fitter\":\"gradient\",\"init\":\"random\",\"seed\":3,"
                + "\"maxIterations\":200,\"tolerance\":1e-6}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        JsonNode params = r.body().get("params");
        assertThat(params.get("fitter").asString()).isEqualTo("gradient");
        assertThat(params.get("learningRate").asDouble()).isEqualTo(0.05);
        assertThat(params.get("optimizer").asString()).isEqualTo("adam");
        assertThat(params.get("gradientEstimator").asString()).isEqualTo("exact");
        JsonNode diagnostics = r.body().get("diagnostics");
        assertThat(diagnostics.get("fitter").asString()).isEqualTo("gradient");
        JsonNode trace = diagnostics.get("trace");
        assertThat(trace.size()).isEqualTo(diagnostics.get("iterations").asInt() + 1);
        assertThat(trace.get(trace.size() - 1).asDouble()).isEqualTo(diagnostics.get("meanLogLikelihood").asDouble());
        assertThat(trace.get(trace.size() - 1).asDouble()).isGreaterThan(trace.get(0).asDouble());
    }

    @Test
    void defaultGradientIterationsAreAThousand() {
        Response r = create(data(30), "{\"components\":1,\"fitter\":\"gradient\",\"seed\":3,\"tolerance\":1e9}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().get("params").get("maxIterations").asInt()).isEqualTo(1000);
    }

    @Test
    void monteCarloMiniBatchFit() {
        Response r = create(data(300), "{\"components\":3,\"fitter\":\"gradient\",\"gradientEstimator\":\"monte-carlo\","
                + "\"samples\":20,\"batchSize\":64,\"optimizer\":\"sgd\",\"learningRate\":0.01,\"maxIterations\":5,\"tolerance\":1e-12,\"seed\":1}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        JsonNode params = r.body().get("params");
        assertThat(params.get("samples").asInt()).isEqualTo(20);
        assertThat(params.get("batchSize").asInt()).isEqualTo(64);
        assertThat(params.get("optimizer").asString()).isEqualTo("sgd");
        assertThat(r.body().get("diagnostics").get("iterations").asInt()).isEqualTo(5);
    }

    @Test
    void variationalDirichletProcessFitExportsEffectiveComponentsAndRoundTrips() {
        Response r = create(data(300), "{\"components\":8,\"fitter\":\"variational\",\"seed\":2,\"maxIterations\":300}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        JsonNode body = r.body();
        assertThat(body.get("params").get("weightPrior").asString()).isEqualTo("dirichlet-process");
        assertThat(body.get("params").get("weightConcentration").asDouble()).isEqualTo(1.0 / 8);
        assertThat(body.get("parameters").get("effectiveComponents").asInt()).isEqualTo(3);
        assertThat(body.get("diagnostics").get("fitter").asString()).isEqualTo("variational");
        Response again = http.post("/api/v1/models", body.toString());
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().get("parameters").get("weights")).isEqualTo(body.get("parameters").get("weights"));
    }

    @Test
    void variationalWithGivenPriorsOnDiagonalCovariances() {
        Response r = create(data(120), "{\"components\":3,\"covarianceType\":\"diag\",\"fitter\":\"variational\","
                + "\"weightPrior\":\"dirichlet-distribution\",\"weightConcentration\":2,\"meanPrecisionPrior\":0.5,"
                + "\"degreesOfFreedomPrior\":3,\"covariancePrior\":[1,2],\"seed\":4}");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.body().get("params").get("covariancePrior").size()).isEqualTo(2);
        assertThat(r.body().get("parameters").get("covariances").size()).isEqualTo(3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"fitter\":\"newton\"}|params.fitter",
        "{\"fitter\":\"gradient\",\"optimizer\":\"rmsprop\"}|params.optimizer",
        "{\"fitter\":\"gradient\",\"learningRate\":0}|params.learningRate",
        "{\"fitter\":\"gradient\",\"learningRate\":-0.1}|params.learningRate",
        "{\"fitter\":\"gradient\",\"gradientEstimator\":\"monte-carlo\",\"samples\":0}|params.samples",
        "{\"fitter\":\"gradient\",\"gradientEstimator\":\"reinforce\"}|params.gradientEstimator",
        "{\"fitter\":\"gradient\",\"batchSize\":0}|params.batchSize",
        "{\"fitter\":\"gradient\",\"momentum\":0.9}|params.momentum",
        "{\"fitter\":\"variational\",\"weightPrior\":\"pitman-yor\"}|params.weightPrior",
        "{\"fitter\":\"variational\",\"weightConcentration\":0}|params.weightConcentration",
        "{\"fitter\":\"variational\",\"meanPrecisionPrior\":-1}|params.meanPrecisionPrior",
        "{\"fitter\":\"variational\",\"degreesOfFreedomPrior\":0}|params.degreesOfFreedomPrior",
        "{\"fitter\":\"variational\",\"degreesOfFreedomPrior\":0.5}|params.degreesOfFreedomPrior",
        "{\"fitter\":\"variational\",\"covariancePrior\":0}|params.covariancePrior",
        "{\"fitter\":\"variational\",\"covariancePrior\":[[1,2],[2,1]]}|params.covariancePrior",
        "{\"fitter\":\"variational\",\"covariancePrior\":[[1,0,0],[0,1,0],[0,0,1]]}|params.covariancePrior",
        "{\"fitter\":\"variational\",\"covarianceType\":\"diag\",\"covariancePrior\":[1,-2]}|params.covariancePrior[1]",
    })
    void badParamsAre400NamingTheField(String params, String field) {
        assertProblem(create(data(30), params), 400, field);
    }

    @Test
    void openApiDocumentCarriesOneExamplePerFitter() {
        Response r = http.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode examples = r.body().get("paths").get("/api/v1/models").get("post").get("requestBody").get("content")
                .get("application/json").get("examples");
        assertThat(examples.get("gaussian-mixture-gradient").get("value").get("params").get("fitter").asString())
                .isEqualTo("gradient");
        assertThat(examples.get("gaussian-mixture-variational").get("value").get("params").get("weightPrior").asString())
                .isEqualTo("dirichlet-process");
    }

    @Test
    void constantColumnWithTheDefaultCovariancePriorIs422() {
        assertProblem(create("[[1, 5], [2, 5], [3, 5], [4, 5]]", "{\"fitter\":\"variational\",\"components\":2}"), 422,
                "params.covariancePrior");
    }

    @Test
    void divergenceIs422AndStoresNothing() {
        long before = http.get("/api/v1/models?type=gaussian-mixture").body().get("total").asLong();
        Response r = create(data(60), "{\"components\":2,\"fitter\":\"gradient\",\"optimizer\":\"sgd\","
                + "\"learningRate\":1e6,\"seed\":1}");
        assertProblem(r, 422, "params.learningRate");
        assertThat(r.body().get("detail").asString()).contains("lower learningRate");
        long after = http.get("/api/v1/models?type=gaussian-mixture").body().get("total").asLong();
        assertThat(after).isEqualTo(before);
    }
}
