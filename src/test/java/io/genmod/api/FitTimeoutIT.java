package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.HttpJson.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * genmod.fit-timeout over real HTTP: a fit within a request stops at the first iteration past the limit with
 * 422 and stores nothing; the same fit as a training job, which has no limit, succeeds.
 */
@Import(TestFamilies.class)
@TestPropertySource(properties = "genmod.fit-timeout=300ms")
class FitTimeoutIT extends ApiTest {

    /** 200 iterations of about 5 ms each: about a second. */
    private static final String SLOW = "{\"type\":\"test-normal\",\"x\":[1.0, 3.0],\"params\":{\"slowIterations\":200}}";

    @Test
    void aFitPastTheLimitIsStoppedWith422AndAJobRunsIt() throws Exception {
        long before = http.get("/api/v1/models").body().get("total").asLong();
        long start = System.nanoTime();
        Response refused = http.post("/api/v1/models", SLOW);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertProblem(refused, 422, null);
        assertThat(refused.body().get("title").asString()).isEqualTo("Fit took too long");
        assertThat(refused.body().get("detail").asString()).contains("0.3 s").contains("training-jobs");
        assertThat(millis).isLessThan(900);
        assertThat(http.get("/api/v1/models").body().get("total").asLong()).isEqualTo(before);

        assertThat(http.post("/api/v1/models", "{\"type\":\"test-normal\",\"x\":[1.0, 3.0]}").status()).isEqualTo(201);

        Response job = http.post("/api/v1/training-jobs", SLOW);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Response state = http.get(job.location());
        while (!state.body().get("state").asString().equals("succeeded") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            state = http.get(job.location());
        }
        assertThat(state.body().get("state").asString()).as(state.raw()).isEqualTo("succeeded");
    }
}
