package io.genmod.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A bounded, thread-safe registry held in memory; ids are random and unique among the stored models. */
public final class InMemoryModelRegistry<M> implements ModelRegistry<M> {

    private final ConcurrentHashMap<String, Stored<M>> models = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;
    private final RandomIds ids = new RandomIds("m-");
    private final AtomicLong sequence = new AtomicLong();

    public InMemoryModelRegistry(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized Entry<M> add(String type, String name, M model) {
        if (models.size() >= capacity) {
            throw new RegistryFullException(capacity);
        }
        String id;
        do {
            id = ids.next();
        } while (models.containsKey(id));
        Entry<M> entry = new Entry<>(id, type, name, clock.instant(), model);
        models.put(id, new Stored<>(entry, sequence.incrementAndGet()));
        return entry;
    }

    @Override
    public Optional<Entry<M>> find(String id) {
        Stored<M> stored = id == null ? null : models.get(id);
        return Optional.ofNullable(stored).map(Stored::entry);
    }

    @Override
    public synchronized boolean remove(String id) {
        return id != null && models.remove(id) != null;
    }

    @Override
    public Page<M> list(String type, int page, int size) {
        List<Stored<M>> matching = new ArrayList<>();
        for (Stored<M> stored : models.values()) {
            if (type == null || type.equals(stored.entry().type())) {
                matching.add(stored);
            }
        }
        matching.sort(Comparator.comparingLong((Stored<M> s) -> s.sequence()).reversed());
        long from = (long) page * size;
        List<Entry<M>> items = new ArrayList<>();
        for (long i = from; i < Math.min(matching.size(), from + size); i++) {
            items.add(matching.get((int) i).entry());
        }
        return new Page<>(items, page, size, matching.size());
    }

    private record Stored<M>(Entry<M> entry, long sequence) {
    }
}
