package io.genmod.api;

import io.genmod.api.dto.CreateModelRequest;
import io.genmod.registry.ModelRegistry;
import io.genmod.registry.ModelRegistry.Entry;
import org.springframework.stereotype.Service;

/** Creates models through their family and keeps them in the registry. */
@Service
public class ModelService {

    private final ModelFamilies families;
    private final ModelRegistry<ServedModel> registry;

    public ModelService(ModelFamilies families, ModelRegistry<ServedModel> registry) {
        this.families = families;
        this.registry = registry;
    }

    /** Fits or imports, then stores; nothing is stored when any step fails. */
    public Entry<ServedModel> create(CreateModelRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "is required");
        }
        ModelFamily family = families.family(request.type(), "type");
        ServedModel model = family.create(request);
        return registry.add(request.type(), request.name(), model);
    }

    /** @throws ModelNotFoundException when no model has this id */
    public Entry<ServedModel> get(String id) {
        return registry.find(id).orElseThrow(() -> new ModelNotFoundException(id));
    }

    /** @throws ModelNotFoundException when no model has this id */
    public void delete(String id) {
        if (!registry.remove(id)) {
            throw new ModelNotFoundException(id);
        }
    }

    /** @throws InvalidRequestException (on {@code type}) for a type no family serves */
    public ModelRegistry.Page<ServedModel> list(String type, int page, int size) {
        if (type != null) {
            families.family(type, "type");
        }
        return registry.list(type, page, size);
    }
}
