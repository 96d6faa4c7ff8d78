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
    /**
     * Every API operation documents a success response and its errors as problem+json bodies of the Problem
     * schema, including the ones any request can get (400; 404 under an id).
     */
    @Test
    void everyOperationDocumentsSuccessAndProblemResponses() {
        JsonNode doc = http.get("/v3/api-docs").body();
        assertThat(doc.get("components").get("schemas").has("Problem")).isTrue();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey() + " " + path.getKey();
                JsonNode responses = operation.getValue().get("responses");
                operations++;
                assertThat(responses.propertyNames().stream().anyMatch(c -> c.startsWith("2"))).as(name).isTrue();
                assertThat(responses.has("400")).as(name).isTrue();
                if (path.getKey().contains("{id}")) {
                    assertThat(responses.has("404")).as(name).isTrue();
                }
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        JsonNode content = response.getValue().get("content");
                        assertThat(content.propertyNames()).as(name + " " + response.getKey())
                                .containsExactly("application/problem+json");
                        assertThat(content.get("application/problem+json").get("schema").get("$ref").asString())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(16);
        // records of the same simple name in different responses keep their own schemas
        JsonNode schemas = doc.get("components").get("schemas");
        assertThat(itemsOf(schemas, "ModelSelectionResponse", "ranking").get("properties").has("candidate")).isTrue();
        assertThat(itemsOf(schemas, "QueryResponse", "table").get("properties").has("assignment")).isTrue();
    }

    private static JsonNode itemsOf(JsonNode schemas, String schema, String property) {
        String ref = schemas.get(schema).get("properties").get(property).get("items").get("$ref").asString();
        return schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
