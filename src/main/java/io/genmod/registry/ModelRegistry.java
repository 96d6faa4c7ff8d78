package io.genmod.registry;

import java.util.List;
import java.util.Optional;

/**
 * Stores fitted models by id. Implementations are thread-safe; stored values are immutable.
 *
 * @param <M> the stored model type
 */
public interface ModelRegistry<M> {

    /**
     * Stores a model under a new id.
     *
     * @throws RegistryFullException when the configured capacity is reached; nothing is stored
     */
    Entry<M> add(String type, String name, M model);

    Optional<Entry<M>> find(String id);

    /** @return whether a model was removed */
    boolean remove(String id);

    /** Entries newest first, optionally only those of {@code type}. */
    Page<M> list(String type, int page, int size);

    /** A stored model with its registry metadata. */
    record Entry<M>(String id, String type, String name, java.time.Instant createdAt, M model) {
    }

    /** One page of entries and the total number matching. */
    record Page<M>(List<Entry<M>> items, int page, int size, long total) {
    }
}
