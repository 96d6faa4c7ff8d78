package io.genmod.api.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The histogram and variable-histogram types over real HTTP. */
class HistogramIT extends ApiTest {

    private static final double EXACT = 1e-12;

    @Test
    void fitsAOneDimensionalHistogramWithNullOutsideItsSupportAndRoundTrips() {
        Response created = http.post("/api/v1/models",
                "{\"type\":\"histogram\",\"x\":[0.0,0.1,0.2,0.9,1.0],\"params\":{\"bins\":2}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode model = created.body();
        JsonNode parameters = model.get("parameters");
        assertThat(parameters.get("edges").get(0).size()).isEqualTo(3);
        assertThat(parameters.get("counts").get(0).asDouble()).isEqualTo(3);
        assertThat(parameters.get("density").get(0).asDouble()).isCloseTo(1.2, within(EXACT));
        assertThat(model.get("params").get("pseudoCount").asDouble()).isZero();
        assertThat(model.get("diagnostics").get("parameterCount").asInt()).isEqualTo(1);
        String id = model.get("id").asString();
        Response ld = http.post("/api/v1/models/" + id + "/log-density", "{\"x\":[0.25, 0.75, 5.0]}");
        assertThat(ld.status()).as(ld.raw()).isEqualTo(200);
        assertThat(ld.body().get("logDensity").get(0).asDouble()).isCloseTo(Math.log(1.2), within(EXACT));
        assertThat(ld.body().get("logDensity").get(2).isNull()).isTrue();
        Response again = http.post("/api/v1/models", http.get("/api/v1/models/" + id).raw());
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().get("parameters")).isEqualTo(parameters);
        Response ld2 = http.post("/api/v1/models/" + again.body().get("id").asString() + "/log-density", "{\"x\":[0.25, 0.75, 5.0]}");
        assertThat(ld2.body()).isEqualTo(ld.body());
        Response s1 = http.post("/api/v1/models/" + id + "/sample", "{\"n\":20,\"seed\":4}");
        Response s2 = http.post("/api/v1/models/" + id + "/sample", "{\"n\":20,\"seed\":4}");
        assertThat(s1.status()).isEqualTo(200);
        assertThat(s1.body()).isEqualTo(s2.body());
        for (JsonNode row : s1.body().get("x")) {
            assertThat(row.get(0).asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void twoDimensionalGridsNestCountsPerDimension() {
        Response created = http.post("/api/v1/models", "{\"type\":\"histogram\",\"x\":[[0,0],[1,1],[2,2],[2,0]],"
                + "\"params\":{\"bins\":[2,3],\"range\":[[0,2],[0,3]],\"pseudoCount\":0.5}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode counts = created.body().get("parameters").get("counts");
        assertThat(counts.size()).isEqualTo(2);
        assertThat(counts.get(0).size()).isEqualTo(3);
        // x bins [0, 1), [1, 2]; y bins [0, 1), [1, 2), [2, 3]
        assertThat(counts.get(0).get(0).asDouble()).isEqualTo(1);
        assertThat(counts.get(1).get(0).asDouble()).isEqualTo(1);
        assertThat(counts.get(1).get(1).asDouble()).isEqualTo(1);
        assertThat(counts.get(1).get(2).asDouble()).isEqualTo(1);
        assertThat(counts.get(0).get(1).asDouble()).isZero();
        // density (c + 0.5) / ((4 + 3) * 1) in every unit cell
        assertThat(created.body().get("parameters").get("density").get(0).get(2).asDouble()).isCloseTo(0.5 / 7, within(EXACT));
    }

    @Test
    void variableWidthHistogramsHoldEqualCounts() {
        StringBuilder x = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            x.append(i > 0 ? "," : "").append(i * i % 97);
        }
        x.append(']');
        Response created = http.post("/api/v1/models", "{\"type\":\"variable-histogram\",\"x\":" + x + "}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("params").get("pointsPerBin").asInt()).isEqualTo(10);
        double total = 0;
        for (JsonNode c : created.body().get("parameters").get("counts")) {
            assertThat(c.asDouble()).isPositive();
            total += c.asDouble();
        }
        assertThat(total).isEqualTo(100);
        Response again = http.post("/api/v1/models", http.get("/api/v1/models/" + created.body().get("id").asString()).raw());
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().get("parameters")).isEqualTo(created.body().get("parameters"));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertProblem(http.post("/api/v1/models", "{\"type\":\"histogram\",\"x\":[1,2,3],\"params\":{\"bins\":0}}"), "params.bins");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"histogram\",\"x\":[[1,2]],\"params\":{\"bins\":[3,0]}}"),
                "params.bins[1]");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"histogram\",\"x\":[1,2,3],\"params\":{\"binRule\":\"magic\"}}"),
                "params.binRule");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"histogram\",\"x\":[1,2,3],\"params\":{\"range\":[2,1]}}"),
                "params.range");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"histogram\",\"x\":[[1,2,3]],\"params\":{\"bins\":1000}}"),
                "params.bins");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"variable-histogram\",\"x\":[[1,2],[3,4]]}"), "x");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"variable-histogram\",\"x\":[1,2],\"params\":{\"pointsPerBin\":0}}"),
                "params.pointsPerBin");
    }
}
