package io.genmod.api.selection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/model-selection}: which density fits best, measured by held-out log-likelihood. */
@RestController
@RequestMapping(path = "/api/v1/model-selection", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "model-selection", description = "Compare density models by k-fold cross-validation, BIC and AIC")
public class ModelSelectionController {

    private final ModelSelectionService service;

    public ModelSelectionController(ModelSelectionService service) {
        this.service = service;
    }

    @Operation(summary = "Rank candidate density models",
            description = "Fits every candidate on k-1 folds and scores the held-out fold, for each of the k folds "
                    + "(the same folds for all candidates, from `seed`). Ranks by the held-out mean log-likelihood, "
                    + "best first; a candidate that gives some held-out row zero density (a histogram whose support "
                    + "misses it) gets `heldOutMeanLogLikelihood` null, the count in `outsideSupport`, and ranks after "
                    + "every finite one. BIC and AIC come from a fit on all rows, where the type has a parameter count.")
    @ApiResponse(responseCode = "200", description = "The ranking")
    @ApiResponse(responseCode = "400", description = "Invalid input (empty candidates, a classifier type, folds out "
            + "of 2..n, a bad candidate parameter), naming the field")
    @ApiResponse(responseCode = "422", description = "A candidate cannot be fitted to a training fold")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ModelSelectionResponse select(@RequestBody ModelSelectionRequest request) {
        return service.select(request);
    }
}
