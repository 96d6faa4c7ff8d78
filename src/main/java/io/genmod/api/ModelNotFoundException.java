package io.genmod.api;

/** No model with this id: 404. */
public class ModelNotFoundException extends RuntimeException {

    public ModelNotFoundException(String id) {
        super("No model with id '" + id + "'.");
    }
}
