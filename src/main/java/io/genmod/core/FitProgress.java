package io.genmod.core;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Lets an iterative fitter report progress and notice cancellation or a deadline without knowing who listens:
 * the caller that runs a fit on a thread installs a listener with {@link #runWith} or a time limit with
 * {@link #withDeadline}, and fitters call {@link #report} once per iteration from the thread that drives the
 * iterations.
 */
public final class FitProgress {

    private static final ThreadLocal<BiConsumer<Integer, Double>> LISTENER = new ThreadLocal<>();
    /** The time limit of the work on this thread and its end in {@link System#nanoTime()}, or null. */
    private static final ThreadLocal<Deadline> DEADLINE = new ThreadLocal<>();

    private record Deadline(Duration limit, long end) {
    }

    private FitProgress() {
    }

    /**
     * Reports that iteration {@code iteration} reached {@code value} (mean log-likelihood or lower bound).
     *
     * @throws FitCancelledException when the driving thread was interrupted (the fit was cancelled)
     * @throws FitTimeoutException when the thread's deadline has passed
     */
    public static void report(int iteration, double value) {
        checkpoint();
        BiConsumer<Integer, Double> listener = LISTENER.get();
        if (listener != null) {
            listener.accept(iteration, value);
        }
    }

    /**
     * Where a fit that is not iterative (or between the parts of one) lets cancellation and deadlines stop it.
     *
     * @throws FitCancelledException when the driving thread was interrupted (the fit was cancelled)
     * @throws FitTimeoutException when the thread's deadline has passed
     */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new FitCancelledException();
        }
        Deadline deadline = DEADLINE.get();
        if (deadline != null && System.nanoTime() - deadline.end() > 0) {
            throw new FitTimeoutException(deadline.limit());
        }
    }

    /** Runs {@code task} on this thread with {@code listener} receiving every report. */
    public static <T> T runWith(BiConsumer<Integer, Double> listener, Supplier<T> task) {
        return with(LISTENER, listener, task);
    }

    /**
     * Runs {@code task} on this thread with a time limit that every {@link #report} and {@link #checkpoint}
     * checks (listeners installed inside keep it).
     */
    public static <T> T withDeadline(Duration limit, Supplier<T> task) {
        return with(DEADLINE, new Deadline(limit, System.nanoTime() + limit.toNanos()), task);
    }

    /** Runs {@code task} with {@code local} set to {@code value}, then restores what it held. */
    private static <V, T> T with(ThreadLocal<V> local, V value, Supplier<T> task) {
        V previous = local.get();
        local.set(value);
        try {
            return task.get();
        } finally {
            if (previous == null) {
                local.remove();
            } else {
                local.set(previous);
            }
        }
    }

    /** The fit ran past its time limit ({@link #withDeadline}) and was stopped. */
    public static final class FitTimeoutException extends RuntimeException {
        private final Duration limit;

        public FitTimeoutException(Duration limit) {
            super("The fit ran longer than " + limit + ".");
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }

    /** The fit was cancelled while it ran. */
    public static final class FitCancelledException extends RuntimeException {
        public FitCancelledException() {
            super("The fit was cancelled.");
        }
    }
}
