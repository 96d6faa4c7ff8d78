package io.genmod.api.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import io.genmod.api.ModelFamily;
import io.genmod.api.ServedModel;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.GaussianMixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/model-selection} over real HTTP: the seed's exercise and bad input. */
@Import(ModelSelectionIT.Classifier.class)
class ModelSelectionIT extends ApiTest {

    /** A model type that is not a density, standing in for a classifier. */
    @TestConfiguration
    static class Classifier {
        @Bean
        ModelFamily testClassifier() {
            return new ModelFamily() {
                @Override
                public String type() {
                    return "test-classifier";
                }

                @Override
                public ServedModel create(CreateModelRequest request) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    private static String data() {
        GaussianMixture truth = GaussianMixture.of(CovarianceType.FULL, new double[] {0.6, 0.4},
                new double[][] {{-2.0}, {2.5}}, new double[][][] {{{0.49}}, {{1.44}}});
        double[][] x = truth.sample(600, new SplittableRandom(77));
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < x.length; i++) {
            s.append(i > 0 ? "," : "").append(x[i][0]);
        }
        return s.append(']').toString();
    }

    @Test
    void aTwoComponentMixtureRanksAboveHistogramsOfFiveTwentyAndAHundredBins() {
        String body = "{\"x\":" + data() + ",\"folds\":5,\"seed\":3,\"candidates\":["
                + "{\"type\":\"histogram\",\"params\":{\"bins\":5}},"
                + "{\"type\":\"histogram\",\"params\":{\"bins\":20}},"
                + "{\"type\":\"histogram\",\"params\":{\"bins\":100}},"
                + "{\"type\":\"kernel-density\"},"
                + "{\"type\":\"gaussian-mixture\",\"params\":{\"components\":2,\"seed\":1,\"nInit\":3}}]}";
        Response r = http.post("/api/v1/model-selection", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode ranking = r.body().get("ranking");
        assertThat(ranking.size()).isEqualTo(5);
        JsonNode best = ranking.get(0);
        assertThat(best.get("candidate").get("type").asString()).isEqualTo("gaussian-mixture");
        assertThat(best.get("parameterCount").asInt()).isEqualTo(5);
        assertThat(best.get("bic").isNumber()).isTrue();
        assertThat(best.get("standardError").asDouble()).isPositive();
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode e : ranking) {
            if (e.get("heldOutMeanLogLikelihood").isNull()) {
                assertThat(e.get("outsideSupport").asInt()).isPositive();
                previous = Double.NEGATIVE_INFINITY;
            } else {
                assertThat(e.get("heldOutMeanLogLikelihood").asDouble()).isLessThanOrEqualTo(previous);
                previous = e.get("heldOutMeanLogLikelihood").asDouble();
            }
            if (e.get("candidate").get("type").asString().equals("kernel-density")) {
                assertThat(e.get("parameterCount").isNull()).isTrue();
                assertThat(e.get("bic").isNull()).isTrue();
            }
        }
        JsonNode repeated = http.post("/api/v1/model-selection", body).body().get("ranking");
        for (int i = 0; i < ranking.size(); i++) {
            assertThat(repeated.get(i).get("candidate")).isEqualTo(ranking.get(i).get("candidate"));
            assertThat(repeated.get(i).get("heldOutMeanLogLikelihood")).isEqualTo(ranking.get(i).get("heldOutMeanLogLikelihood"));
        }
    }

    /** The request's seed also seeds a candidate that takes a seed and gives none: the ranking repeats bit for bit. */
    @Test
    void theRequestSeedAlsoSeedsCandidatesWithoutTheirOwn() {
        String body = "{\"x\":" + data() + ",\"folds\":5,\"seed\":3,\"candidates\":["
                + "{\"type\":\"gaussian-mixture\",\"params\":{\"components\":3,\"init\":\"random\"}},"
                + "{\"type\":\"gaussian-mixture\"}]}";
        JsonNode first = http.post("/api/v1/model-selection", body).body().get("ranking");
        JsonNode second = http.post("/api/v1/model-selection", body).body().get("ranking");
        JsonNode other = http.post("/api/v1/model-selection", body.replace("\"seed\":3", "\"seed\":4")).body()
                .get("ranking");
        boolean differs = false;
        for (int i = 0; i < first.size(); i++) {
            for (String figure : new String[] {"candidate", "heldOutMeanLogLikelihood", "standardError", "bic"}) {
                assertThat(second.get(i).get(figure)).as(figure).isEqualTo(first.get(i).get(figure));
                differs |= !other.get(i).get(figure).equals(first.get(i).get(figure));
            }
        }
        assertThat(differs).as("another seed gives other folds and starts").isTrue();
    }

    @Test
    void theEndpointIsDescribedInTheOpenApiDocument() {
        Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode post = docs.body().get("paths").get("/api/v1/model-selection").get("post");
        assertThat(post.get("responses").has("400")).isTrue();
        assertThat(post.get("description").asString()).contains("outsideSupport");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String x = "[1, 2, 3, 4, 5, 6]";
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"candidates\":[]}"), "candidates");
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"candidates\":[{\"type\":\"test-classifier\"}]}"),
                "candidates[0].type");
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"candidates\":[{\"type\":\"nope\"}]}"),
                "candidates[0].type");
        String ok = "[{\"type\":\"histogram\"},{\"type\":\"histogram\",\"params\":{\"bins\":0}}]";
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"candidates\":" + ok + "}"),
                "candidates[1].params.bins");
        String one = "[{\"type\":\"histogram\"}]";
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"folds\":1,\"candidates\":" + one + "}"), "folds");
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"folds\":7,\"candidates\":" + one + "}"), "folds");
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"candidates\":"
                + "[{\"type\":\"kernel-density\",\"params\":{\"bandwidth\":0}}]}"), "candidates[0].params.bandwidth");
        assertProblem(http.post("/api/v1/model-selection", "{\"x\":" + x + ",\"candidates\":"
                + "[{\"type\":\"histogram\",\"params\":{\"range\":[3,3]}}]}"), "candidates[0].params.range");
        assertProblem(http.post("/api/v1/model-selection", "{\"candidates\":" + one + "}"), "x");
    }
}
