package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.HttpJson.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** A full registry answers 507 and stores nothing more; deleting frees a place. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "genmod.registry-capacity=2")
@Import(TestFamilies.class)
class RegistryCapacityIT extends ApiTest {

    @Test
    void answers507AtCapacity() {
        String body = "{\"type\":\"test-normal\",\"x\":[1.0, 2.0]}";
        String first = http.post("/api/v1/models", body).body().get("id").asString();
        assertThat(http.post("/api/v1/models", body).status()).isEqualTo(201);
        Response full = http.post("/api/v1/models", body);
        assertThat(full.status()).isEqualTo(507);
        assertThat(full.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/models").body().get("total").asLong()).isEqualTo(2);
        assertThat(http.delete("/api/v1/models/" + first).status()).isEqualTo(204);
        assertThat(http.post("/api/v1/models", body).status()).isEqualTo(201);
    }
}
