package io.genmod.core;

import java.util.function.BiConsumer;

/**
 * Lets an iterative fitter report progress and notice cancellation without knowing who listens: the caller
 * that runs a fit on a thread installs a listener with {@link #runWith}, and fitters call {@link #report}
 * once per iteration from the thread that drives the iterations.
 */
public final class FitProgress {

    private static final ThreadLocal<BiConsumer<Integer, Double>> LISTENER = new ThreadLocal<>();

    private FitProgress() {
    }

    /**
     * Reports that iteration {@code iteration} reached {@code value} (mean log-likelihood or lower bound).
     *
     * @throws FitCancelledException when the driving thread was interrupted (the fit was cancelled)
     */
    public static void report(int iteration, double value) {
        if (Thread.currentThread().isInterrupted()) {
            throw new FitCancelledException();
        }
        BiConsumer<Integer, Double> listener = LISTENER.get();
        if (listener != null) {
            listener.accept(iteration, value);
        }
    }

    /** Runs {@code task} on this thread with {@code listener} receiving every report. */
    public static <T> T runWith(BiConsumer<Integer, Double> listener, java.util.function.Supplier<T> task) {
        BiConsumer<Integer, Double> previous = LISTENER.get();
        LISTENER.set(listener);
        try {
            return task.get();
        } finally {
            if (previous == null) {
                LISTENER.remove();
            } else {
                LISTENER.set(previous);
            }
        }
    }

    /** The fit was cancelled while it ran. */
    public static final class FitCancelledException extends RuntimeException {
        public FitCancelledException() {
            super("The fit was cancelled.");
        }
    }
}
