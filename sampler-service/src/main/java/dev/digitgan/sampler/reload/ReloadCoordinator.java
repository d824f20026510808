package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.sampler.SamplerConfig;
import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.ModelInfo;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.sampler.model.ModelRejectedException;
import dev.digitgan.sampler.model.ShippedModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Decides which model to serve and gets it there. Every load and swap runs on one thread, so two
 * reloads never race and the policy seen by a reload is the one it applies. Events only record the
 * version and ask for a reconcile; a burst of events while a load is running leaves one pending
 * reconcile, which loads the newest version only.
 */
@ApplicationScoped
public class ReloadCoordinator {

    private static final Logger LOG = Logger.getLogger(ReloadCoordinator.class);

    private final VersionRegistry registry;
    private final GeneratorHolder holder;
    private final CheckpointSource source;
    private final ModelLoader loader;
    private final ReloadMetrics metrics;
    private final ShippedModel shipped;
    private final int fetchAttempts;
    private final long retryMillis;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final AtomicReference<VersionPolicy> policy = new AtomicReference<>(VersionPolicy.latest());
    private final Map<String, Integer> failedFetches = new ConcurrentHashMap<>();

    public ReloadCoordinator(VersionRegistry registry, GeneratorHolder holder, CheckpointSource source,
                             ModelLoader loader, ReloadMetrics metrics, ShippedModel shipped, SamplerConfig config) {
        this.registry = registry;
        this.holder = holder;
        this.source = source;
        this.loader = loader;
        this.metrics = metrics;
        this.shipped = shipped;
        this.fetchAttempts = config.fetchAttempts();
        this.retryMillis = config.fetchRetryMillis();
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sampler-reload");
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Serves the shipped model unless something else got there first (queued before any event's reconcile). */
    public void start() {
        executor.execute(() -> {
            if (holder.current().isEmpty() && shipped.present()) {
                try {
                    swapIn(shipped.load(loader), System.nanoTime());
                } catch (ModelRejectedException | RuntimeException e) {
                    LOG.errorf(e, "the shipped model %s cannot be served", shipped.info().modelVersion());
                }
            }
            reconcile();
        });
    }

    /** A checkpoint event arrived: remember it and converge on the policy's target. */
    public void accept(CheckpointEvent event) {
        if (registry.record(event)) {
            failedFetches.remove(event.modelVersion());
        }
        metrics.eventAccepted();
        requestReconcile();
    }

    public void requestReconcile() {
        if (reconcileQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                reconcileQueued.set(false); // a trigger from now on queues another pass
                reconcile();
            });
        }
    }

    public PolicyState state() {
        VersionPolicy p = policy.get();
        return new PolicyState(p.mode().label(), p.version(), holder.current().map(LoadedModel::modelVersion).orElse(null));
    }

    public CompletableFuture<PolicyState> followLatest() {
        return onReloadThread(() -> {
            policy.set(VersionPolicy.latest());
            reconcile();
            return state();
        });
    }

    /** Loads {@code version} now (if not already served) and keeps it; fails without changing anything if it cannot be. */
    public CompletableFuture<PolicyState> pin(String version) {
        return onReloadThread(() -> {
            serveExactly(version);
            policy.set(VersionPolicy.pinned(version));
            return state();
        });
    }

    /** Goes back to the model served before the current one, and stays there. */
    public CompletableFuture<PolicyState> rollback() {
        return onReloadThread(() -> {
            String target = holder.previouslyServed().stream().map(ModelInfo::modelVersion)
                    .findFirst().orElseThrow(() -> new PolicyException(409, "no earlier model to roll back to"));
            serveExactly(target);
            policy.set(VersionPolicy.rolledBackTo(target));
            return state();
        });
    }

    private void serveExactly(String version) {
        if (holder.current().map(LoadedModel::modelVersion).filter(version::equals).isPresent()) {
            return;
        }
        try {
            if (shipped.is(version)) {
                swapIn(shipped.load(loader), System.nanoTime());
                return;
            }
            KnownVersion known = registry.find(version).orElseThrow(() -> new PolicyException(404,
                    "unknown version '" + VersionPolicy.abbreviate(version) + "'; GET /models lists the known ones"));
            if (known.rejected() != null) {
                throw new PolicyException(409, version + " was rejected: " + known.rejected());
            }
            load(known);
        } catch (ModelRejectedException e) {
            throw new PolicyException(409, version + " cannot be served: " + e.getMessage());
        }
    }

    private void reconcile() {
        VersionPolicy p = policy.get();
        Optional<KnownVersion> target = p.mode() == VersionPolicy.Mode.LATEST
                ? registry.newestLoadable()
                : registry.find(p.version());
        String serving = holder.current().map(LoadedModel::modelVersion).orElse(null);
        if (target.isEmpty() || target.get().modelVersion().equals(serving) || target.get().rejected() != null) {
            return;
        }
        try {
            load(target.get());
        } catch (ModelRejectedException e) {
            LOG.warnf("keeping %s: %s rejected (%s): %s", serving, target.get().modelVersion(),
                    e.reason().label(), e.getMessage());
        } catch (RuntimeException e) {
            // A bug or an exhausted resource: keep serving, and let the next event try again.
            LOG.errorf(e, "keeping %s: loading %s failed unexpectedly", serving, target.get().modelVersion());
        }
    }

    private void load(KnownVersion known) throws ModelRejectedException {
        long started = System.nanoTime();
        try {
            byte[] bytes = source.fetch(known.event());
            swapIn(loader.load(known.info(), bytes, known.event().sha256()), started);
            failedFetches.remove(known.modelVersion());
        } catch (ModelRejectedException e) {
            metrics.rejected(e.reason());
            int attempts = e.reason().permanent() ? fetchAttempts
                    : failedFetches.merge(known.modelVersion(), 1, Integer::sum);
            if (attempts >= fetchAttempts) {
                registry.reject(known.modelVersion(), e.reason().label() + ": " + e.getMessage());
            } else {
                executor.schedule(this::requestReconcile, retryMillis, TimeUnit.MILLISECONDS);
            }
            throw e;
        }
    }

    private void swapIn(LoadedModel model, long startedNanos) {
        Optional<LoadedModel> before = holder.swap(model);
        metrics.swapped(model, Duration.ofNanos(System.nanoTime() - startedNanos));
        LOG.infof("serving %s (epoch %d, step %d), was %s", model.modelVersion(), model.info().epoch(),
                model.info().step(), before.map(LoadedModel::modelVersion).orElse("nothing"));
    }

    private <T> CompletableFuture<T> onReloadThread(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }
}
