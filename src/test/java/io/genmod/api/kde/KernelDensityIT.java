package io.genmod.api.kde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import io.genmod.kde.Kernel;
import io.genmod.kde.KernelDensity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The kernel-density type over real HTTP. */
class KernelDensityIT extends ApiTest {

    private static final double EXACT = 1e-12;

    @Test
    void fitsScoresSamplesAndRoundTrips() {
        String x = "[[0,0],[1,0.5],[0.2,-1],[3,3],[2.5,2]]";
        Response created = http.post("/api/v1/models",
                "{\"type\":\"kernel-density\",\"x\":" + x + ",\"params\":{\"kernel\":\"epanechnikov\",\"bandwidth\":1.5}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode model = created.body();
        assertThat(model.get("parameters").get("bandwidth").asDouble()).isEqualTo(1.5);
        assertThat(model.get("parameters").get("points").size()).isEqualTo(5);
        assertThat(model.get("params").get("relativeTolerance").asDouble()).isZero();
        JsonNode count = model.get("diagnostics").get("parameterCount");
        assertThat(count == null || count.isNull()).isTrue();
        String id = model.get("id").asString();
        Response ld = http.post("/api/v1/models/" + id + "/log-density", "{\"x\":[[0.5,0.5],[20,20]]}");
        KernelDensity direct = new KernelDensity(new double[][] {{0, 0}, {1, 0.5}, {0.2, -1}, {3, 3}, {2.5, 2}},
                Kernel.EPANECHNIKOV, 1.5, 0);
        double expected = direct.logDensity(new double[][] {{0.5, 0.5}})[0];
        assertThat(ld.body().get("logDensity").get(0).asDouble()).isCloseTo(expected, within(EXACT));
        assertThat(ld.body().get("logDensity").get(1).isNull()).isTrue();
        Response again = http.post("/api/v1/models", http.get("/api/v1/models/" + id).raw());
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().get("parameters")).isEqualTo(model.get("parameters"));
        Response s1 = http.post("/api/v1/models/" + id + "/sample", "{\"n\":10,\"seed\":9}");
        assertThat(s1.status()).isEqualTo(200);
        assertThat(s1.body()).isEqualTo(http.post("/api/v1/models/" + id + "/sample", "{\"n\":10,\"seed\":9}").body());
        Response rule = http.post("/api/v1/models",
                "{\"type\":\"kernel-density\",\"x\":" + x + ",\"params\":{\"bandwidth\":\"silverman\"}}");
        assertThat(rule.status()).as(rule.raw()).isEqualTo(201);
        assertThat(rule.body().get("params").get("bandwidth").asString()).isEqualTo("silverman");
        assertThat(rule.body().get("parameters").get("bandwidth").asDouble()).isPositive();
    }

    @Test
    void dataNearTheLargestDoubleGetsAFiniteRuleBandwidth() {
        Response created = http.post("/api/v1/models", "{\"type\":\"kernel-density\",\"x\":[1,2,1e300]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("parameters").get("bandwidth").asDouble()).isFinite().isPositive();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertProblem(http.post("/api/v1/models", "{\"type\":\"kernel-density\",\"x\":[1,2],\"params\":{\"bandwidth\":0}}"),
                "params.bandwidth");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"kernel-density\",\"x\":[1,2],\"params\":{\"bandwidth\":-2}}"),
                "params.bandwidth");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"kernel-density\",\"x\":[1,2],\"params\":{\"bandwidth\":\"wide\"}}"),
                "params.bandwidth");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"kernel-density\",\"x\":[1,2],\"params\":{\"kernel\":\"box\"}}"),
                "params.kernel");
        assertProblem(http.post("/api/v1/models", "{\"type\":\"kernel-density\",\"x\":[1,2],\"params\":{\"relativeTolerance\":-1}}"),
                "params.relativeTolerance");
    }
}
