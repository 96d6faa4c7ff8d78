package io.genmod.api.jobs;

import io.genmod.api.GenmodProperties;
import io.genmod.api.ModelFamilies;
import io.genmod.api.ModelService;
import io.genmod.api.ProblemHandler;
import io.genmod.api.dto.CreateModelRequest;
import io.genmod.core.FitProgress;
import io.genmod.registry.ModelRegistry;
import io.genmod.registry.RandomIds;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/** Runs fits in the background on a fixed pool of workers and keeps the most recent jobs. */
@Service
public class TrainingJobs {

    private final ModelService models;
    private final ModelFamilies families;
    private final ProblemHandler problems;
    private final int retained;
    private final ExecutorService workers;
    private final Map<String, TrainingJob> jobs = new ConcurrentHashMap<>();
    private final RandomIds ids = new RandomIds("j-");

    public TrainingJobs(ModelService models, ModelFamilies families, @Lazy ProblemHandler problems,
                        GenmodProperties properties) {
        this.models = models;
        this.families = families;
        this.problems = problems;
        this.retained = properties.retainedJobs();
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.jobWorkers(), r -> {
            Thread thread = new Thread(r, "training-job-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks the type at once (400 for an unknown one), then queues the fit. */
    public TrainingJob submit(CreateModelRequest request) {
        if (request == null) {
            throw new io.genmod.api.InvalidRequestException("body", "is required");
        }
        families.family(request.type(), "type");
        TrainingJob job;
        synchronized (this) { // room and the new job together: concurrent submits cannot pass the limit
            makeRoom();
            job = new TrainingJob(ids.next(), request, Instant.now());
            jobs.put(job.id(), job);
        }
        job.attach(workers.submit(() -> run(job)));
        return job;
    }

    public TrainingJob get(String id) {
        TrainingJob job = id == null ? null : jobs.get(id);
        if (job == null) {
            throw new NotFoundException(id);
        }
        return job;
    }

    public TrainingJob cancel(String id) {
        TrainingJob job = get(id);
        job.cancel();
        return job;
    }

    private void run(TrainingJob job) {
        if (!job.start()) {
            return;
        }
        try {
            ModelRegistry.Entry<?> entry = FitProgress.runWith(job::progress, () -> models.create(job.request()));
            job.succeed(entry.id());
            if (job.isCancelled()) {
                models.delete(entry.id());
            }
        } catch (FitProgress.FitCancelledException e) {
            job.cancel();
        } catch (RuntimeException | OutOfMemoryError e) {
            if (!job.isCancelled()) {
                job.fail(problems.problemFor(e));
            }
        }
    }

    /** Forgets the oldest finished jobs beyond the retained number; refuses when all are unfinished. */
    private synchronized void makeRoom() {
        while (jobs.size() >= retained) {
            TrainingJob oldest = jobs.values().stream()
                    .filter(j -> j.view().terminal())
                    .min(Comparator.comparing(j -> j.view().createdAt()))
                    .orElseThrow(() -> new TooManyException(retained));
            jobs.remove(oldest.id());
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** No job with this id: 404. */
    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String id) {
            super("No training job with id '" + id + "'.");
        }
    }

    /** Every retained job is still queued or running: 429. */
    public static class TooManyException extends RuntimeException {
        public TooManyException(int retained) {
            super("All " + retained + " training jobs are still queued or running; wait or cancel one.");
        }
    }
}
