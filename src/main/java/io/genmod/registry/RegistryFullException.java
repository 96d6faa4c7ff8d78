package io.genmod.registry;

/** The registry holds its configured maximum number of models. */
public class RegistryFullException extends RuntimeException {

    private final int capacity;

    public RegistryFullException(int capacity) {
        super("The model registry is full (" + capacity + " models); delete a model or raise genmod.registry-capacity.");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }
}
