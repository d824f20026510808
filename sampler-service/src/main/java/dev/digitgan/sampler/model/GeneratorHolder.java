package dev.digitgan.sampler.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, swapped atomically. A request reads {@link #current()} once and uses that
 * {@link LoadedModel} to the end, so a swap never changes a model under a request. Also remembers the
 * models served before, newest first, for rollback.
 */
@jakarta.enterprise.context.ApplicationScoped
public class GeneratorHolder {

    static final int HISTORY = 16;

    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    private final Object historyLock = new Object();
    private final List<ModelInfo> history = new ArrayList<>();

    public Optional<LoadedModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** Serves {@code model} from now on; returns the one it replaced, if any. */
    public Optional<LoadedModel> swap(LoadedModel model) {
        LoadedModel previous = current.getAndSet(model);
        if (previous != null) {
            synchronized (historyLock) {
                history.removeIf(i -> i.modelVersion().equals(previous.modelVersion()));
                history.add(0, previous.info());
                if (history.size() > HISTORY) {
                    history.remove(history.size() - 1);
                }
            }
        }
        return Optional.ofNullable(previous);
    }

    /** Models served before the current one, newest first (excluding the current one). */
    public List<ModelInfo> previouslyServed() {
        String serving = current().map(LoadedModel::modelVersion).orElse(null);
        synchronized (historyLock) {
            return history.stream().filter(i -> !i.modelVersion().equals(serving)).toList();
        }
    }
}
