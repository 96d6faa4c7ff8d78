package io.genmod.api;

import io.genmod.core.Diagnostics;

/** The representation every served model carries: type, training size, params, parameters, diagnostics. */
public abstract class AbstractServedModel implements ServedModel {

    private final String type;
    private final Integer trainingSize;
    private final Object params;
    private final Object parameters;
    private final Diagnostics diagnostics;

    protected AbstractServedModel(String type, Integer trainingSize, Object params, Object parameters,
                                  Diagnostics diagnostics) {
        this.type = type;
        this.trainingSize = trainingSize;
        this.params = params;
        this.parameters = parameters;
        this.diagnostics = diagnostics;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Integer trainingSize() {
        return trainingSize;
    }

    @Override
    public final Object params() {
        return params;
    }

    @Override
    public final Object parameters() {
        return parameters;
    }

    @Override
    public final Diagnostics diagnostics() {
        return diagnostics;
    }
}
