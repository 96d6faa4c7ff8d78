package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.HttpJson.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The service contract over real HTTP: resources, errors as problem+json, limits, documentation, health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"genmod.max-request-size=64KB"})
@Import(TestFamilies.class)
class ServiceFoundationIT extends ApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    private Response create(String x) {
        return http.post("/api/v1/models", "{\"type\":\"test-normal\",\"name\":\"n\",\"x\":" + x + "}");
    }

    @Test
    void createsReadsUsesAndDeletesAModel() {
        Response created = create("[[1.0, 2.0], [3.0, 4.0]]");
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.location()).isEqualTo("/api/v1/models/" + id);
        assertThat(created.body().get("dimension").asInt()).isEqualTo(2);
        assertThat(created.body().get("trainingSize").asInt()).isEqualTo(2);
        assertThat(created.body().get("diagnostics").has("iterations")).isFalse();

        Response read = http.get("/api/v1/models/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("parameters").get("mean").get(1).asDouble()).isEqualTo(3.0);

        // log N((2,3) | (2,3), I) = -log(2 pi)
        Response logDensity = http.post("/api/v1/models/" + id + "/log-density", "{\"x\": [[2.0, 3.0]]}");
        assertThat(logDensity.body().get("logDensity").get(0).asDouble()).isCloseTo(-Math.log(2 * Math.PI),
                org.assertj.core.data.Offset.offset(1e-12));

        Response sample1 = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 5, \"seed\": 3}");
        Response sample2 = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 5, \"seed\": 3}");
        assertThat(sample1.status()).isEqualTo(200);
        assertThat(sample1.body().get("x").size()).isEqualTo(5);
        assertThat(sample1.raw()).isEqualTo(sample2.raw());

        Response score = http.post("/api/v1/models/" + id + "/score", "{\"x\": [[2.0, 3.0], [2.0, 3.0]]}");
        assertThat(score.body().get("n").asInt()).isEqualTo(2);
        assertThat(score.body().get("meanLogLikelihood").asDouble()).isCloseTo(-Math.log(2 * Math.PI),
                org.assertj.core.data.Offset.offset(1e-12));

        assertThat(http.delete("/api/v1/models/" + id).status()).isEqualTo(204);
        assertProblem(http.get("/api/v1/models/" + id), 404, null);
        assertProblem(http.delete("/api/v1/models/" + id), 404, null);
    }

    @Test
    void exportedModelCanBePostedBack() {
        Response created = create("[1.0, 2.0, 6.0]");
        Response read = http.get(created.location());
        Response copy = http.post("/api/v1/models", read.raw());
        assertThat(copy.status()).as(copy.raw()).isEqualTo(201);
        assertThat(copy.body().get("name").asString()).isEqualTo("n");
        assertThat(copy.body().get("parameters")).isEqualTo(created.body().get("parameters"));
        assertThat(copy.body().get("id")).isNotEqualTo(created.body().get("id"));
    }

    @Test
    void listsNewestFirstWithTypeFilterAndPages() {
        String first = create("[1.0]").body().get("id").asString();
        String second = create("[2.0]").body().get("id").asString();
        Response page = http.get("/api/v1/models?type=test-normal&size=1&page=0");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("items").get(0).get("id").asString()).isEqualTo(second);
        assertThat(page.body().get("size").asInt()).isEqualTo(1);
        assertThat(page.body().get("total").asLong()).isGreaterThanOrEqualTo(2);
        Response next = http.get("/api/v1/models?type=test-normal&size=1&page=1");
        assertThat(next.body().get("items").get(0).get("id").asString()).isEqualTo(first);
        // a misspelt type is named, not answered with an empty page
        assertProblem(http.get("/api/v1/models?type=no-such-type"), 400, "type");
        assertProblem(http.get("/api/v1/models?size=101"), 400, "size");
        assertProblem(http.get("/api/v1/models?page=-1"), 400, "page");
        assertProblem(http.get("/api/v1/models?page=abc"), 400, "page");
    }

    @Test
    void rejectsBadDataNamingTheElement() {
        long before = total();
        assertProblem(create("[[1.0, 2.0], [1.0, \"NaN\"]]"), 400, "x[1][1]");
        assertProblem(create("[[1.0, 2.0], [\"Infinity\", 1.0]]"), 400, "x[1][0]");
        assertProblem(create("[[1.0, 2.0], [1e999, 1.0]]"), 400, "x[1][0]");
        assertProblem(create("[[1.0, 2.0], [1.0]]"), 400, "x[1]");
        assertProblem(create("[]"), 400, "x");
        assertProblem(create("\"text\""), 400, "x");
        assertProblem(create("[[1.0], 2.0]"), 400, "x[1]");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\"}"), 400, "x");
        assertProblem(http.post("/api/v1/models", "{\"x\":[1.0]}"), 400, "type");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"no-such\",\"x\":[1.0]}"), 400, "type");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[1.0],\"params\":{\"shfit\":1}}"),
                400, "params.shfit");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[1.0],\"params\":{\"shift\":\"a\"}}"),
                400, "params.shift");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[1.0],\"params\":[1]}"),
                400, "params");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void rejectsMalformedBodiesAndWrongContentTypes() {
        assertProblem(http.post("/api/v1/models", "{\"type\": "), 400, null);
        assertProblem(http.post("/api/v1/models", "{\"type\": [1, 2]}"), 400, "type");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[NaN]}"), 400, null);
        assertProblem(http.post("/api/v1/models", "type=test-normal", "text/plain"), 415, null);
        assertProblem(http.post("/api/v1/models", ""), 400, null);
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[1.0],\"parmas\":{}}"), 400, "parmas");
        assertProblem(http.post("/api/v1/models/m-x/sample", "{\"n\": 2, \"sed\": 1}"), 400, "sed");
        assertProblem(http.post("/api/v1/models/m-x/sample", "{\"n\": \"5\"}"), 400, "n");
        assertProblem(http.post("/api/v1/models/m-x/sample", "{\"n\": 10000000000}"), 400, "n");
        assertProblem(http.post("/api/v1/models/m-x/sample", "{\"n\": 5, \"seed\": 18446744073709551616}"), 400, "seed");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[1.0, 2.0],\"name\":123}"), 400, "name");
        assertProblem(http.rawGet("/api/v1/models?size=%zz"), 400, null);
        assertProblem(http.rawGet("/api/v1/models?type=%zz"), 400, null);
        // a malformed chunked body fails in the container: the error page answers problem+json too
        assertProblem(http.raw("POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n"), 400, null);
        // refused by Tomcat before Spring sees them
        assertProblem(http.rawGet("/api/v1/models/%00"), 400, null);
        assertProblem(http.rawGet("/api/v1/models/a%2Fb"), 400, null);
        Response array = http.post("/api/v1/models", "[1, 2]");
        assertProblem(array, 400, null);
        assertThat(array.body().get("detail").asString()).contains("JSON object");
    }

    @Test
    void checksOperationsAgainstTheModel() {
        String id = create("[[1.0, 2.0]]").body().get("id").asString();
        assertProblem(http.post("/api/v1/models/" + id + "/log-density", "{\"x\": [[1.0, 2.0, 3.0]]}"), 400, "x[0]");
        assertProblem(http.post("/api/v1/models/" + id + "/log-density", "{\"x\": [[1.0, \"NaN\"]]}"), 400, "x[0][1]");
        assertProblem(http.post("/api/v1/models/" + id + "/log-density", "{}"), 400, "x");
        assertProblem(http.post("/api/v1/models/" + id + "/predict", "{\"x\": [[1.0, 2.0]]}"), 400, null);
        assertProblem(http.post("/api/v1/models/" + id + "/sample", "{\"n\": 0}"), 400, "n");
        assertProblem(http.post("/api/v1/models/" + id + "/sample", "{}"), 400, "n");
        assertProblem(http.post("/api/v1/models/" + id + "/sample", "{\"n\": \"many\"}"), 400, "n");
        assertProblem(http.post("/api/v1/models/" + id + "/sample", "{\"n\": 2.5}"), 400, "n");
        assertProblem(http.post("/api/v1/models/" + id + "/sample", "{\"n\": 2, \"seed\": 1.5}"), 400, "seed");
        assertProblem(http.post("/api/v1/models/m-unknown/log-density", "{\"x\": [[1.0, 2.0]]}"), 404, null);
    }

    @Test
    void refusesBodiesOverTheLimitWith413() {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            big.append(i > 0 ? "," : "").append("1.2345");
        }
        big.append(']');
        long before = total();
        assertProblem(create(big.toString()), 413, null);
        assertProblem(http.postChunked("/api/v1/models", "{\"type\":\"test-normal\",\"x\":" + big + "}"), 413, null);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void concurrentCreatesReadsAndDeletesNeverFail() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        Response created = create("[1.0, 2.0]");
                        String id = created.body().get("id").asString();
                        statuses.add(http.post("/api/v1/models/" + id + "/log-density", "{\"x\": [1.0]}").status());
                        statuses.add(http.delete("/api/v1/models/" + id).status());
                        int again = http.delete("/api/v1/models/" + id).status();
                        statuses.add(again == 404 ? 204 : again);
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> result : results) {
                assertThat(result.get()).allMatch(s -> s == 200 || s == 204);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void servesHealthAndDocumentation() {
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness").body().get("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health/readiness").body().get("status").asString()).isEqualTo("UP");
        Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/models")).isTrue();
        assertThat(paths.has("/api/v1/models/{id}/log-density")).isTrue();
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        JsonNode examples = paths.get("/api/v1/models").get("post").get("requestBody").get("content")
                .get("application/json").get("examples");
        for (String type : new String[] {"gaussian-mixture", "histogram", "variable-histogram", "kernel-density",
                "naive-bayes", "generative-classifier", "bayesian-network"}) {
            assertThat(examples.has(type)).as(type).isTrue();
        }
        assertThat(docs.raw()).contains("binRule").contains("gradientEstimator").contains("pseudoCount");
    }

    private long total() {
        return http.get("/api/v1/models").body().get("total").asLong();
    }
}
