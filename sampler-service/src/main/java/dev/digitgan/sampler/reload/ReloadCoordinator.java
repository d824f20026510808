package dev.digitgan.sampler.reload;

import dev.digitgan.model.events.CheckpointEvent;
import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.ModelInfo;
import dev.digitgan.sampler.model.ModelLoader;
import dev.digitgan.sampler.model.ModelRejectedException;
import dev.digitgan.sampler.model.RejectReason;
import dev.digitgan.sampler.model.ShippedModel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * reconcile, which loads only the version the policy chooses then ({@link BestVersion} for {@code best}, the
 * newest for {@code latest}).
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
    private final LoadJournal journal;
    private final FetchBackoff backoff;
    private final int maxKilledLoads;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    private final BestVersion best;
    private final AtomicReference<VersionPolicy> policy;
    /** Why the model served is served (the last decision's words); written on the reload thread only. */
    private final AtomicReference<String> reason = new AtomicReference<>();
    /** The words of a pinned or rolled-back policy, restored as the reason once its version is served. */
    private final AtomicReference<String> heldReason = new AtomicReference<>();
    /** {@code PUT /models/policy} requests waiting for their change to come back from the policy topic. */
    private final Map<PolicyChange, CompletableFuture<PolicyState>> waiting = new ConcurrentHashMap<>();

    public ReloadCoordinator(VersionRegistry registry, GeneratorHolder holder, CheckpointSource source,
                             ModelLoader loader, ReloadMetrics metrics, ShippedModel shipped, SamplerConfig config,
                             LoadJournal journal) {
        this.registry = registry;
        this.holder = holder;
        this.source = source;
        this.loader = loader;
        this.metrics = metrics;
        this.shipped = shipped;
        this.journal = journal;
        this.backoff = new FetchBackoff(config.fetchRetryDelay(), config.fetchRetryMaxDelay(), System::nanoTime);
        if (config.maxKilledLoads() < 1) {
            throw new IllegalArgumentException("max-killed-loads must be >= 1, got " + config.maxKilledLoads());
        }
        this.maxKilledLoads = config.maxKilledLoads();
        this.policy = new AtomicReference<>(VersionPolicy.initial(config.policy()));
        this.best = new BestVersion(config.bestMargin());
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
                    reason.set("shipped with the service: served until the policy chooses another");
                } catch (ModelRejectedException | RuntimeException e) {
                    LOG.errorf(e, "the shipped model %s cannot be served", shipped.info().modelVersion());
                }
            }
            reconcile();
        });
    }

    /**
     * A checkpoint event arrived: remember it (with what the journal says of its bytes: the topic is replayed on every
     * start, the verdicts are not in it) and converge on the policy's target.
     */
    public void accept(CheckpointEvent event) {
        if (registry.record(event)) {
            backoff.reset(event.modelVersion());
            journal.rejection(event.sha256()).ifPresent(why -> registry.reject(event.modelVersion(), why
                    + " (remembered from an earlier start)"));
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
        return new PolicyState(p.mode().label(), p.version(),
                holder.current().map(LoadedModel::modelVersion).orElse(null), reason.get());
    }

    public CompletableFuture<PolicyState> followLatest() {
        return follow(VersionPolicy.latest());
    }

    /** Serves the best-scored version from now on ({@link BestVersion}). */
    public CompletableFuture<PolicyState> followBest() {
        return follow(VersionPolicy.best());
    }

    private CompletableFuture<PolicyState> follow(VersionPolicy next) {
        return onReloadThread(() -> {
            policy.set(next);
            reconcile();
            return state();
        });
    }

    /**
     * Loads {@code version} now (if not already served) and keeps it; fails without changing anything if it cannot
     * be.
     */
    public CompletableFuture<PolicyState> pin(String version) {
        return onReloadThread(() -> {
            serveExactly(version);
            policy.set(VersionPolicy.pinned(version));
            hold("pinned: " + version + ", set with PUT /models/policy");
            return state();
        });
    }

    /** Goes back to the model served before the current one, and stays there. */
    public CompletableFuture<PolicyState> rollback() {
        return onReloadThread(() -> {
            String target = holder.previouslyServed().stream().map(ModelInfo::modelVersion)
                    .findFirst().orElseThrow(() -> new PolicyException(409, "no earlier model to roll back to"));
            String from = holder.current().map(LoadedModel::modelVersion).orElse("nothing");
            serveExactly(target);
            policy.set(VersionPolicy.rolledBackTo(target));
            hold("rollback: back from " + from + " to " + target + ", the model served before it");
            return state();
        });
    }

    /**
     * Checks a policy change on this replica before it is published for the fleet: a pin loads its version, a
     * rollback resolves to the model served before the current one and loads it (so that every replica gets the
     * same version). Nothing else changes: the policy itself changes when {@link #apply} reads it back.
     *
     * @param version the version to pin; null for the other modes
     * @return the policy to publish; fails with a {@link PolicyException} (404, 409) when this replica cannot serve
     *         it
     */
    public CompletableFuture<VersionPolicy> resolve(VersionPolicy.Mode mode, String version) {
        return onReloadThread(() -> switch (mode) {
            case BEST -> VersionPolicy.best();
            case LATEST -> VersionPolicy.latest();
            case PINNED -> {
                serveExactly(version);
                yield VersionPolicy.pinned(version);
            }
            case ROLLBACK -> {
                String target = holder.previouslyServed().stream().map(ModelInfo::modelVersion).findFirst()
                        .orElseThrow(() -> new PolicyException(409, "no earlier model to roll back to"));
                serveExactly(target);
                yield VersionPolicy.rolledBackTo(target);
            }
        });
    }

    /**
     * The fleet's policy, read from the policy topic: applied whatever this replica can do. A replica that cannot
     * serve a pinned or rolled-back-to version (not seen yet, rejected here, or failing to load) keeps serving what
     * it has, says so in its state, and serves the version once a checkpoint event makes it loadable.
     */
    public CompletableFuture<PolicyState> apply(PolicyChange change) {
        return onReloadThread(() -> {
            VersionPolicy next = VersionPolicy.of(change);
            policy.set(next);
            if (next.mode().follows()) {
                reconcile();
            } else {
                String from = holder.current().map(LoadedModel::modelVersion).orElse("nothing");
                hold(next.mode().label() + ": " + next.version() + ", set "
                        + (change.user() == null ? "" : "by " + change.user() + " ") + "at " + change.changedAt()
                        + " for the fleet");
                try {
                    serveExactly(next.version());
                } catch (PolicyException e) {
                    reason.set(next.mode().label() + ": " + next.version() + " cannot be served here ("
                            + e.getMessage() + "); keeping " + from + " until it can");
                } catch (RuntimeException e) {
                    LOG.errorf(e, "keeping %s: loading %s for the fleet policy failed unexpectedly", from,
                            next.version());
                    reason.set(next.mode().label() + ": " + next.version() + " failed to load here; keeping " + from);
                }
            }
            PolicyState state = state();
            CompletableFuture<PolicyState> waiter = waiting.remove(change);
            if (waiter != null) {
                waiter.complete(state);
            }
            return state;
        });
    }

    /** Completes with this replica's state once {@code change} has been applied here ({@link #apply}). */
    public CompletableFuture<PolicyState> applied(PolicyChange change) {
        return waiting.computeIfAbsent(change, c -> new CompletableFuture<>());
    }

    /** Stops waiting for {@code change} (it was not published, or took too long to come back). */
    public void stopWaiting(PolicyChange change) {
        waiting.remove(change);
    }

    private void hold(String words) {
        heldReason.set(words);
        reason.set(words);
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
        ModelInfo serving = holder.current().map(LoadedModel::info).orElse(null);
        String servingName = serving == null ? null : serving.modelVersion();
        Optional<KnownVersion> newest = registry.newestLoadable();
        String target;
        String why;
        switch (p.mode()) {
            case BEST -> {
                BestVersion.Choice choice = best.choose(serving, loadable(),
                        newest.map(KnownVersion::info).orElse(null));
                target = choice.target();
                why = choice.reason();
            }
            case LATEST -> {
                target = newest.map(KnownVersion::modelVersion).orElse(servingName);
                why = newest.isPresent() ? "latest: " + target + " is the newest loadable checkpoint"
                        : "latest: no loadable checkpoint yet";
            }
            default -> { // pinned, rollback: the version chosen then, served unless this replica could not yet
                target = p.version();
                why = target.equals(servingName) ? reason.get() : heldReason.get();
            }
        }
        if (target == null || target.equals(servingName)) {
            reason.set(why);
            return;
        }
        try {
            if (serve(target)) {
                reason.set(why);
            }
        } catch (ModelRejectedException e) {
            LOG.warnf("keeping %s: %s %s (%s): %s", servingName, target,
                    e.reason().permanent() ? "rejected" : "not fetched, retried later", e.reason().label(),
                    e.getMessage());
            reason.set(p.mode().label() + ": keeping " + servingName + "; " + target + " cannot be served ("
                    + e.reason().label() + ")");
            if (registry.find(target).map(k -> k.rejected() != null).orElse(false)) {
                requestReconcile(); // refused for good: converge on the policy's next choice
            }
        } catch (RuntimeException e) {
            // A bug or an exhausted resource: keep serving, and let the next event try again.
            LOG.errorf(e, "keeping %s: loading %s failed unexpectedly", servingName, target);
        }
    }

    /** Every version that may be served: the checkpoints not rejected, and the shipped model. */
    private List<ModelInfo> loadable() {
        List<ModelInfo> versions = new ArrayList<>();
        registry.all().stream().filter(k -> k.rejected() == null).forEach(k -> versions.add(k.info()));
        if (shipped.present()) {
            versions.add(shipped.info());
        }
        return versions;
    }

    /** @return false when {@code version} is neither the shipped model nor a loadable checkpoint */
    private boolean serve(String version) throws ModelRejectedException {
        if (shipped.is(version)) {
            swapIn(shipped.load(loader), System.nanoTime());
            return true;
        }
        Optional<KnownVersion> known = registry.find(version).filter(k -> k.rejected() == null);
        if (known.isEmpty() || backoff.waiting(version)) {
            return false; // a fetch retry is scheduled for a waiting version
        }
        load(known.get());
        return true;
    }

    /**
     * Fetches, checks and swaps in {@code known}. The journal counts the load from its start to its end, whatever
     * the end: a count left over at the next start is a load that died with the process (an {@link Error} here
     * also leaves it, as a strike). A content failure is remembered for good; a fetch failure only delays the next
     * try.
     */
    private void load(KnownVersion known) throws ModelRejectedException {
        String sha = known.event().sha256();
        int killed = journal.unfinishedLoads(sha);
        if (killed >= maxKilledLoads) {
            ModelRejectedException e = new ModelRejectedException(RejectReason.KILLED_LOAD, killed + " loads of "
                    + known.modelVersion() + " never finished: the process died during them");
            metrics.rejected(e.reason());
            reject(known, e);
            throw e;
        }
        long started = System.nanoTime();
        journal.loadStarted(sha);
        boolean ended = false;
        try {
            byte[] bytes = source.fetch(known.event());
            // the hash of what was fetched: the generator part's when the event announces one
            LoadedModel model = loader.load(known.info(), bytes, known.event().samplerRead().sha256());
            ended = true;
            swapIn(model, started);
            backoff.reset(known.modelVersion());
        } catch (ModelRejectedException e) {
            ended = true;
            metrics.rejected(e.reason());
            if (e.reason().permanent()) {
                reject(known, e);
            } else {
                Duration delay = backoff.failed(known.modelVersion());
                LOG.infof("fetching %s failed %d time(s) in a row; next try in %s", known.modelVersion(),
                        backoff.failures(known.modelVersion()), delay);
                executor.schedule(this::requestReconcile, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
            throw e;
        } catch (RuntimeException e) {
            ended = true;
            throw e;
        } finally {
            if (ended) {
                journal.loadFinished(sha);
            }
        }
    }

    private void reject(KnownVersion known, ModelRejectedException e) {
        String why = e.reason().label() + ": " + e.getMessage();
        registry.reject(known.modelVersion(), why);
        journal.rememberRejection(known.event().sha256(), known.modelVersion(), why);
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
