package io.genmod.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.genmod.api.HttpJson.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every request example in the OpenAPI document creates a model when POSTed as it stands. */
class OpenApiExamplesIT extends ApiTest {

    @Test
    void everyDocumentedExampleWorks() {
        JsonNode examples = http.get("/v3/api-docs").body().get("paths").get("/api/v1/models").get("post")
                .get("requestBody").get("content").get("application/json").get("examples");
        assertThat(examples.size()).isGreaterThanOrEqualTo(8);
        for (Map.Entry<String, JsonNode> example : examples.properties()) {
            if (example.getKey().equals("default")) {
                continue;
            }
            Response created = http.post("/api/v1/models", example.getValue().get("value").toString());
            assertThat(created.status()).as(example.getKey() + ": " + created.raw()).isEqualTo(201);
        }
    }
}
