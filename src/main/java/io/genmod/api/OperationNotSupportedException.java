package io.genmod.api;

/** The model's type does not answer this operation (e.g. {@code predict} on a histogram): 400. */
public class OperationNotSupportedException extends RuntimeException {

    public OperationNotSupportedException(String type, String operation) {
        super("A model of type '" + type + "' does not support " + operation + ".");
    }
}
