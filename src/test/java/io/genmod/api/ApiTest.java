package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.HttpJson.Response;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Base of the integration tests: the real server on a random port, a JSON client, and problem+json checks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    protected HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson(port);
    }

    /**
     * Asserts an RFC 9457 problem with {@code status}, no internals in the body, and, unless {@code field} is
     * null, a first error naming {@code field} whose message mentions each of {@code mentions}.
     */
    protected static void assertProblem(Response r, int status, String field, String... mentions) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().has("type")).as(r.raw()).isTrue();
        assertThat(r.body().has("title")).isTrue();
        assertThat(r.body().has("detail")).isTrue();
        assertThat(r.body().has("instance")).isTrue();
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("at io.genmod");
        if (field == null) {
            return;
        }
        JsonNode error = r.body().get("errors").get(0);
        assertThat(error.get("field").asString()).as(r.raw()).isEqualTo(field);
        if (mentions != null) {
            for (String mention : mentions) {
                if (mention != null) {
                    assertThat(error.get("message").asString()).as(r.raw()).contains(mention);
                }
            }
        }
    }

    /** Asserts a 400 problem whose first error names {@code field}. */
    protected static void assertProblem(Response r, String field) {
        assertProblem(r, 400, field);
    }
}
