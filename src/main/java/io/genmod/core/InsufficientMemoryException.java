package io.genmod.core;

/** The work would fit in the service's budget, but not in the memory free now: the stored models hold the rest. */
public final class InsufficientMemoryException extends RuntimeException {

    public InsufficientMemoryException(String message) {
        super(message);
    }
}
