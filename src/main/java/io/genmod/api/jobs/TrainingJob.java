package io.genmod.api.jobs;

import io.genmod.api.dto.CreateModelRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.springframework.http.ProblemDetail;

/** A long fit run in the background: its state, progress and outcome. Thread-safe; listeners see every change. */
final class TrainingJob {

    enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        String id() {
            return name().toLowerCase();
        }

        boolean terminal() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final String id;
    private final CreateModelRequest request;
    private final Instant createdAt;
    private final List<Consumer<TrainingJobView>> listeners = new CopyOnWriteArrayList<>();
    private State state = State.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private Integer iteration;
    private Double value;
    private String modelId;
    private ProblemDetail error;
    private Future<?> future;
    private long lastProgressNanos;

    TrainingJob(String id, CreateModelRequest request, Instant createdAt) {
        this.id = id;
        this.request = request;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    CreateModelRequest request() {
        return request;
    }

    synchronized void attach(Future<?> future) {
        this.future = future;
    }

    /** @return false when the job was cancelled before it started */
    boolean start() {
        synchronized (this) {
            if (state != State.QUEUED) {
                return false;
            }
            state = State.RUNNING;
            startedAt = Instant.now();
        }
        notifyListeners();
        return true;
    }

    void progress(int iteration, double value) {
        synchronized (this) {
            this.iteration = iteration;
            this.value = value;
            long now = System.nanoTime();
            if (now - lastProgressNanos < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastProgressNanos = now;
        }
        notifyListeners();
    }

    void succeed(String modelId) {
        finish(State.SUCCEEDED, modelId, null);
    }

    void fail(ProblemDetail error) {
        finish(State.FAILED, null, error);
    }

    /** Cancels a queued or running job; a finished job keeps its state. */
    void cancel() {
        Future<?> running;
        synchronized (this) {
            if (state.terminal()) {
                return;
            }
            running = future;
        }
        finish(State.CANCELLED, null, null);
        if (running != null) {
            running.cancel(true);
        }
    }

    private void finish(State terminal, String modelId, ProblemDetail error) {
        synchronized (this) {
            if (state.terminal()) {
                return;
            }
            state = terminal;
            this.modelId = modelId;
            this.error = error;
            finishedAt = Instant.now();
        }
        notifyListeners();
    }

    synchronized boolean isCancelled() {
        return state == State.CANCELLED;
    }

    synchronized TrainingJobView view() {
        TrainingJobView.Progress progress = iteration == null ? null : new TrainingJobView.Progress(iteration, value);
        return new TrainingJobView(id, state.id(), request.type(), createdAt, startedAt, finishedAt, progress, modelId,
                error);
    }

    void subscribe(Consumer<TrainingJobView> listener) {
        listeners.add(listener);
    }

    void unsubscribe(Consumer<TrainingJobView> listener) {
        listeners.remove(listener);
    }

    private void notifyListeners() {
        TrainingJobView view = view();
        for (Consumer<TrainingJobView> listener : listeners) {
            listener.accept(view);
        }
    }
}
