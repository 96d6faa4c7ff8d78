package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.HttpJson.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/** Background fits over real HTTP: success, failure with the problem POST /models would give, events, cancellation. */
@Import(TestFamilies.class)
class TrainingJobsIT extends ApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Response awaitState(String location, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        Response job = http.get(location);
        while (!state.equals(job.body().get("state").asString()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            job = http.get(location);
        }
        assertThat(job.body().get("state").asString()).as(job.raw()).isEqualTo(state);
        return job;
    }

    @Test
    void aSuccessfulJobNamesItsModel() throws Exception {
        Response submitted = http.post("/api/v1/training-jobs",
                "{\"type\":\"test-normal\",\"x\":[1.0, 3.0],\"params\":{\"slowIterations\":3}}");
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.location()).startsWith("/api/v1/training-jobs/j-");
        Response done = awaitState(submitted.location(), "succeeded");
        assertThat(done.body().get("progress").get("iteration").asInt()).isEqualTo(3);
        String modelId = done.body().get("modelId").asString();
        Response model = http.get("/api/v1/models/" + modelId);
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().get("parameters").get("mean").get(0).asDouble()).isEqualTo(2.0);
        Response events = http.get(submitted.location() + "/events");
        assertThat(events.contentType()).startsWith("text/event-stream");
        assertThat(events.raw()).contains("event:job").contains("\"state\":\"succeeded\"");
    }

    @Test
    void aFailedJobCarriesTheProblem() throws Exception {
        Response submitted = http.post("/api/v1/training-jobs", "{\"type\":\"test-normal\",\"x\":[1.0, \"NaN\"]}");
        Response failed = awaitState(submitted.location(), "failed");
        assertThat(failed.body().get("error").get("status").asInt()).isEqualTo(400);
        assertThat(failed.body().get("error").get("errors").get(0).get("field").asString()).isEqualTo("x[1]");
    }

    @Test
    void anUnknownTypeIsRefusedAtOnceAndUnknownJobsAre404() {
        Response refused = http.post("/api/v1/training-jobs", "{\"type\":\"no-such\",\"x\":[1.0]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("type");
        assertThat(http.get("/api/v1/training-jobs/j-unknown").status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/training-jobs/j-unknown").status()).isEqualTo(404);
    }

    @Test
    void cancellingStopsTheFitAndKeepsNoModel() throws Exception {
        long before = http.get("/api/v1/models").body().get("total").asLong();
        Response submitted = http.post("/api/v1/training-jobs",
                "{\"type\":\"test-normal\",\"x\":[1.0],\"params\":{\"slowIterations\":100000}}");
        awaitState(submitted.location(), "running");
        Response cancelled = http.delete(submitted.location());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("state").asString()).isEqualTo("cancelled");
        Thread.sleep(100);
        Response later = http.get(submitted.location());
        assertThat(later.body().get("state").asString()).isEqualTo("cancelled");
        assertThat(later.body().has("modelId")).isFalse();
        assertThat(http.get("/api/v1/models").body().get("total").asLong()).isEqualTo(before);
    }
}
