package io.genmod.core;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The memory one request may use: half of the heap this JVM may grow to, and no more than the heap has free at
 * the time, so that a request too large for the service, or for what the stored models leave of it, is refused
 * up front with a message instead of failing half-way with an OutOfMemoryError.
 */
public final class WorkingMemory {

    private static final double SHARE = 0.5;
    /** Per number in a response: the double, and about 24 bytes of its JSON text. */
    private static final int ANSWERED_BYTES = 32;
    /** The share of the heap kept free for everything but the request (other requests, buffers, the JIT). */
    private static final double RESERVE = 0.125;

    private WorkingMemory() {
    }

    /** Bytes one request may use. */
    public static long budget() {
        return (long) (SHARE * Runtime.getRuntime().maxMemory());
    }

    /**
     * Refuses work that needs more than {@link #budget()} bytes, or more than the heap has {@link #free()} (after
     * a garbage collection, as garbage counts as used until it is collected).
     *
     * @param bytes the estimate
     * @param field the request field to change, for the error
     * @param what what needs the memory, for the error ("20000 rows of 1 column with 10000 components")
     * @param remedy what to change ("use fewer components or rows")
     * @throws UnfittableDataException when {@code bytes} exceeds the budget
     * @throws InsufficientMemoryException when it is within the budget but exceeds the free memory
     */
    public static void check(double bytes, String field, String what, String remedy) {
        check(bytes, field, what, remedy, budget(), WorkingMemory::free);
    }

    /** {@link #check(double, String, String, String)} against a given budget and measure of free memory (bytes). */
    static void check(double bytes, String field, String what, String remedy, long budget, LongSupplier free) {
        if (bytes > budget) {
            throw new UnfittableDataException(field, String.format(Locale.ROOT,
                    "%s would take about %.0f MB of memory, more than the %d MB one request may use here; %s",
                    what, bytes / 1e6, budget / 1_000_000, remedy));
        }
        if (bytes > free.getAsLong()) {
            System.gc();
            long left = free.getAsLong();
            if (bytes > left) {
                throw new InsufficientMemoryException(String.format(Locale.ROOT,
                        "%s would take about %.0f MB of memory, and only %d MB are free now (the stored models hold "
                                + "the rest); delete models, wait for running fits, or %s",
                        what, bytes / 1e6, Math.max(0, left) / 1_000_000, remedy));
            }
        }
    }

    /** Heap bytes this JVM may still use: its maximum less what is in use, garbage included, less the reserve. */
    static long free() {
        Runtime runtime = Runtime.getRuntime();
        long max = runtime.maxMemory();
        return max - (runtime.totalMemory() - runtime.freeMemory()) - (long) (RESERVE * max);
    }

    /**
     * Refuses a response of {@code numbers} numbers (held as doubles, then written as JSON) that needs more than
     * {@link #budget()} bytes; the other parameters as {@link #check}.
     */
    public static void checkAnswer(double numbers, String field, String what, String remedy) {
        check(ANSWERED_BYTES * numbers, field, what, remedy);
    }
}
