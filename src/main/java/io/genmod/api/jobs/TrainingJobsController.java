package io.genmod.api.jobs;

import io.genmod.api.dto.CreateModelRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/v1/training-jobs}: fits that run in the background, with progress and cancellation. */
@RestController
@RequestMapping("/api/v1/training-jobs")
@Tag(name = "training-jobs", description = "Long fits in the background")
public class TrainingJobsController {

    private static final long EVENTS_TIMEOUT_MILLIS = 30 * 60 * 1000L;

    private final TrainingJobs jobs;

    public TrainingJobsController(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    @Operation(summary = "Start a fit in the background",
            description = "Takes the same body as POST /models. The type is checked at once; every other problem "
                    + "makes the job fail with the problem POST /models would have answered, in `error`.")
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job")
    @ApiResponse(responseCode = "429", description = "genmod.retained-jobs jobs are remembered and none has finished")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TrainingJobView> submit(@RequestBody CreateModelRequest request) {
        TrainingJob job = jobs.submit(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/training-jobs/" + job.id())).body(job.view());
    }

    @Operation(summary = "State, progress (iteration, current mean log-likelihood) and, on success, the model id")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public TrainingJobView get(@PathVariable String id) {
        return jobs.get(id).view();
    }

    @Operation(summary = "Cancel a queued or running job",
            description = "A finished job keeps its state. A model whose fit completes after cancellation is not kept.")
    @DeleteMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public TrainingJobView cancel(@PathVariable String id) {
        return jobs.cancel(id).view();
    }

    @Operation(summary = "The job's state as server-sent events",
            description = "One `job` event now and one at each change (progress at most every 100 ms); the stream "
                    + "ends when the job finishes.")
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable String id) {
        TrainingJob job = jobs.get(id);
        SseEmitter emitter = new SseEmitter(EVENTS_TIMEOUT_MILLIS);
        Consumer<TrainingJobView> listener = new Consumer<>() {
            @Override
            public void accept(TrainingJobView view) {
                try {
                    emitter.send(SseEmitter.event().name("job").data(view, MediaType.APPLICATION_JSON));
                    if (view.terminal()) {
                        job.unsubscribe(this);
                        emitter.complete();
                    }
                } catch (IOException | IllegalStateException e) {
                    job.unsubscribe(this);
                }
            }
        };
        emitter.onCompletion(() -> job.unsubscribe(listener));
        emitter.onTimeout(() -> job.unsubscribe(listener));
        job.subscribe(listener);
        listener.accept(job.view());
        return emitter;
    }
}
