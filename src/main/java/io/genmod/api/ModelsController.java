package io.genmod.api;

import io.genmod.api.dto.CreateModelRequest;
import io.genmod.api.dto.DataRequest;
import io.genmod.api.dto.LogDensityResponse;
import io.genmod.api.dto.ModelPage;
import io.genmod.api.dto.ModelResource;
import io.genmod.api.dto.ModelSummary;
import io.genmod.api.dto.PredictResponse;
import io.genmod.api.dto.SampleRequest;
import io.genmod.api.dto.SampleResponse;
import io.genmod.api.dto.ScoreRequest;
import io.genmod.api.dto.ScoreResponse;
import io.genmod.core.WorkingMemory;
import io.genmod.registry.ModelRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/models}: create, read, list, delete, and the operations every model type may answer. */
@RestController
@RequestMapping(path = "/api/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "models", description = "Fit or import models, read and delete them, and use them")
public class ModelsController {

    private final ModelService service;

    public ModelsController(ModelService service) {
        this.service = service;
    }

    @Operation(summary = "Fit a model to data or import it from its parameters",
            description = "Fits `type` to `x` (and `y` for classifiers; `records` or `counts` for Bayesian networks) "
                    + "with `params`, or imports `parameters`. Nothing is stored when the request fails.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the new model")
    @ApiResponse(responseCode = "400", description = "Invalid input, naming the field")
    @ApiResponse(responseCode = "413", description = "Body over genmod.max-request-size")
    @ApiResponse(responseCode = "422", description = "Well-formed data that cannot be fitted")
    @ApiResponse(responseCode = "507", description = "Registry at genmod.registry-capacity")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ModelResource> create(@RequestBody CreateModelRequest request) {
        ModelRegistry.Entry<ServedModel> entry = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/models/" + entry.id())).body(ModelResource.of(entry));
    }

    @Operation(summary = "List models, newest first")
    @GetMapping
    public ModelPage list(@Parameter(description = "Only models of this type (an unknown type is a 400 naming type)") @RequestParam(required = false) String type,
                          @Parameter(description = "Page number from 0") @RequestParam(defaultValue = "0") @Min(0) int page,
                          @Parameter(description = "Page size, at most 100") @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        ModelRegistry.Page<ServedModel> result = service.list(type, page, size);
        return new ModelPage(result.items().stream().map(ModelSummary::of).toList(), result.page(), result.size(),
                result.total());
    }

    @Operation(summary = "Read a model: params, parameters and diagnostics")
    @ApiResponse(responseCode = "200", description = "The model")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @GetMapping("/{id}")
    public ModelResource get(@PathVariable String id) {
        return ModelResource.of(service.get(id));
    }

    @Operation(summary = "Delete a model")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "Unknown id")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "log p(x) per row",
            description = "For classifiers the marginal p(x) = sum over y of p(x given y) P(y). Minus infinity is null.")
    @PostMapping(path = "/{id}/log-density", consumes = MediaType.APPLICATION_JSON_VALUE)
    public LogDensityResponse logDensity(@PathVariable String id, @RequestBody DataRequest request) {
        ServedModel model = service.get(id).model();
        double[][] x = Data.matrix(request.x(), "x", model.dimension());
        return new LogDensityResponse(model.logDensity(x));
    }

    @Operation(summary = "Predict classes or mixture components",
            description = "Classifiers: class labels and P(y given x). Gaussian mixtures: component indices 0..k-1, "
                    + "the most responsible component and the responsibilities.")
    @PostMapping(path = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PredictResponse predict(@PathVariable String id, @RequestBody DataRequest request) {
        ServedModel model = service.get(id).model();
        double[][] x = Data.matrix(request.x(), "x", model.dimension());
        return model.predict(x);
    }

    @Operation(summary = "Draw samples", description = "The same seed gives the same samples.")
    @ApiResponse(responseCode = "200", description = "The draws")
    @ApiResponse(responseCode = "422", description = "More draws than one request's memory can hold (on n)")
    @PostMapping(path = "/{id}/sample", consumes = MediaType.APPLICATION_JSON_VALUE)
    public SampleResponse sample(@PathVariable String id, @Valid @RequestBody SampleRequest request) {
        ServedModel model = service.get(id).model();
        if (model.dimension() != null) {
            WorkingMemory.checkAnswer((double) request.n() * model.dimension(), "n",
                    request.n() + " draws of " + model.dimension() + " coordinates", "draw fewer per request");
        }
        return model.sample(request.n(), request.seed());
    }

    @Operation(summary = "Score data: mean log-likelihood; classifiers add accuracy, log loss and confusion matrix")
    @PostMapping(path = "/{id}/score", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ScoreResponse score(@PathVariable String id, @RequestBody ScoreRequest request) {
        return service.get(id).model().score(request);
    }
}
