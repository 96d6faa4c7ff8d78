package io.genmod.api;

import io.genmod.api.dto.CreateModelRequest;

/**
 * One model {@code type}: a Spring bean that creates served models from create requests, by fitting
 * them to data or by importing given {@code parameters}. The service finds families by {@link #type()}.
 */
public interface ModelFamily {

    /** The request's {@code type} value, e.g. "gaussian-mixture". */
    String type();

    /**
     * Validates the request, then fits or imports.
     *
     * @throws InvalidRequestException for a contract violation (400)
     * @throws io.genmod.core.InvalidParameterException for a parameter out of range (400)
     * @throws io.genmod.core.UnfittableDataException for data that cannot be fitted (422)
     */
    ServedModel create(CreateModelRequest request);
}
