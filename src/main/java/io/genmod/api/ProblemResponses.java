package io.genmod.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Describes the errors of every operation as the service answers them: each 4xx and 5xx response is an RFC
 * 9457 {@code application/problem+json} body (schema {@code Problem}), and every operation lists the errors
 * any request of its shape can get (400; 404 under a model or job id; 413, 415 and 507 with a body), besides those
 * its controller declares.
 */
@Component
class ProblemResponses implements GlobalOpenApiCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SCHEMA = "Problem";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            addIfAbsent(responses, "400", "Invalid request: the errors name each offending field");
            if (path.contains("{id}")) {
                addIfAbsent(responses, "404", "Unknown id");
            }
            if (operation.getRequestBody() != null) {
                addIfAbsent(responses, "413", "Body over genmod.max-request-size");
                addIfAbsent(responses, "415", "A content type other than JSON");
                addIfAbsent(responses, "507", "Not enough free memory now (stored models or other requests hold it)");
            }
            for (Map.Entry<String, ApiResponse> response : responses.entrySet()) {
                if (isError(response.getKey())) {
                    response.getValue().setContent(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
                }
            }
        }));
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static void addIfAbsent(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }

    private static Schema<?> problemSchema() {
        ObjectSchema fieldProblem = new ObjectSchema();
        fieldProblem.addProperty("field", new StringSchema().example("x[3][1]"));
        fieldProblem.addProperty("message", new StringSchema().example("must be a finite number"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().example("about:blank"));
        problem.addProperty("title", new StringSchema().example("Invalid request"));
        problem.addProperty("status", new IntegerSchema().example(400));
        problem.addProperty("detail", new StringSchema().example("The request is invalid. x[3][1]: must be a finite number"));
        problem.addProperty("instance", new StringSchema().example("/api/v1/models"));
        problem.addProperty("errors", new ArraySchema().items(fieldProblem)
                .description("Validation errors, each naming the offending element"));
        return problem;
    }
}
