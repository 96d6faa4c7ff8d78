package io.genmod.api;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every {@link ModelFamily} bean, by its {@code type}. */
@Component
public class ModelFamilies {

    private final Map<String, ModelFamily> byType = new TreeMap<>();

    public ModelFamilies(ObjectProvider<ModelFamily> families) {
        for (ModelFamily family : (Iterable<ModelFamily>) families.orderedStream()::iterator) {
            if (byType.put(family.type(), family) != null) {
                throw new IllegalStateException("Two model families for type " + family.type());
            }
        }
    }

    /** @throws InvalidRequestException naming {@code field} when the type is missing or unknown */
    public ModelFamily family(String type, String field) {
        if (type == null || type.isBlank()) {
            throw new InvalidRequestException(field, "is required; one of " + String.join(", ", byType.keySet()));
        }
        ModelFamily family = byType.get(type);
        if (family == null) {
            throw new InvalidRequestException(field, "unknown type '" + type + "'; one of " + String.join(", ", byType.keySet()));
        }
        return family;
    }

    /** @throws InvalidRequestException when the type is unknown or not a density (e.g. a classifier) */
    public DensityFamily densityFamily(String type, String field) {
        ModelFamily family = family(type, field);
        if (family instanceof DensityFamily density) {
            return density;
        }
        throw new InvalidRequestException(field, "type '" + type + "' is not a density model; use one of "
                + String.join(", ", byType.values().stream().filter(f -> f instanceof DensityFamily).map(ModelFamily::type).toList()));
    }
}
