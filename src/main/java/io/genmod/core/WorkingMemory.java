package io.genmod.core;

import java.util.Locale;

/**
 * The memory one request may use: half of the heap this JVM may grow to, so that a request too large for the
 * service is refused up front with a message instead of failing half-way with an OutOfMemoryError.
 */
public final class WorkingMemory {

    private static final double SHARE = 0.5;
    /** Per number in a response: the double, and about 24 bytes of its JSON text. */
    private static final int ANSWERED_BYTES = 32;

    private WorkingMemory() {
    }

    /** Bytes one request may use. */
    public static long budget() {
        return (long) (SHARE * Runtime.getRuntime().maxMemory());
    }

    /**
     * Refuses work that needs more than {@link #budget()} bytes.
     *
     * @param bytes the estimate
     * @param field the request field to change, for the error
     * @param what what needs the memory, for the error ("20000 rows of 1 column with 10000 components")
     * @param remedy what to change ("use fewer components or rows")
     * @throws UnfittableDataException when {@code bytes} exceeds the budget
     */
    public static void check(double bytes, String field, String what, String remedy) {
        long budget = budget();
        if (bytes > budget) {
            throw new UnfittableDataException(field, String.format(Locale.ROOT,
                    "%s would take about %.0f MB of memory, more than the %d MB one request may use here; %s",
                    what, bytes / 1e6, budget / 1_000_000, remedy));
        }
    }

    /**
     * Refuses a response of {@code numbers} numbers (held as doubles, then written as JSON) that needs more than
     * {@link #budget()} bytes; the other parameters as {@link #check}.
     */
    public static void checkAnswer(double numbers, String field, String what, String remedy) {
        check(ANSWERED_BYTES * numbers, field, what, remedy);
    }
}
