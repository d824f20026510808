package dev.digitgan.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.digitgan.model.nets.GanNetworks;
import dev.digitgan.model.spec.GanSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What resuming needs besides G: D and the stacked network, each as its flat parameters and its flat Adam state
 * (float32 little-endian, like {@code generator.bin}), and their iteration counts (plain JSON). Every network is
 * rebuilt from the manifest's spec ({@link GanNetworks}); the arrays are copied into it after their lengths were
 * compared with the rebuilt network's. Nothing here knows a network's layers, so any architecture the builder makes
 * round-trips.
 *
 * <p>Adam's bias correction divides by {@code 1 - beta^t}, with {@code t} the network's iteration count (DL4J keeps
 * it in the network's configuration); a resumed run that started again at {@code t = 0} would take larger steps
 * than the uninterrupted one. So the counts are stored and set on the rebuilt configurations.
 *
 * <p>Older checkpoints (format 1, and format 2 until 2026-12-02) hold D and the stacked network as ModelSerializer
 * zips. They are read the way {@code generator.zip} is: {@code configuration.json} (JSON naming DL4J classes) is
 * skipped unparsed, {@code coefficients.bin} and {@code updaterState.bin} are parsed as plain ND4J arrays, anything
 * else refuses the checkpoint. Their iteration counts were only in the skipped JSON; they are the manifest's step,
 * because every build that wrote such zips fitted D and the stacked network exactly once per step and never counted
 * epochs ({@code GanTrainer} since its first commit; {@code LegacyTrainingStateTest} compares with what
 * ModelSerializer reads).
 */
final class TrainingState {

    static final String COUNTERS = "training.json";
    static final String DISCRIMINATOR = "discriminator.bin";
    static final String DISCRIMINATOR_ADAM = "discriminator-adam.bin";
    static final String STACKED = "stacked.bin";
    static final String STACKED_ADAM = "stacked-adam.bin";
    static final String LEGACY_DISCRIMINATOR = "discriminator.zip";
    static final String LEGACY_STACKED = "stacked.zip";

    private static final String DL4J_CONFIGURATION = "configuration.json";
    private static final String DL4J_COEFFICIENTS = "coefficients.bin";
    private static final String DL4J_UPDATER = "updaterState.bin";

    /** No default typing, no modules: the file can only ever become these two records. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A network's DL4J counters: the iteration count drives Adam's bias correction. */
    record Counters(int iterations, int epochs) {
        Counters {
            if (iterations < 0 || epochs < 0) {
                throw new IllegalArgumentException("negative counters: " + iterations + " iterations, " + epochs
                        + " epochs");
            }
        }

        static Counters of(MultiLayerNetwork network) {
            return new Counters(network.getIterationCount(), network.getEpochCount());
        }
    }

    /** The content of {@code training.json}. */
    record CountersFile(Counters discriminator, Counters stacked) {
        CountersFile {
            if (discriminator == null || stacked == null) {
                throw new IllegalArgumentException("counters of both networks are needed");
            }
        }
    }

    /** D and the stacked network, rebuilt. */
    record Networks(MultiLayerNetwork discriminator, MultiLayerNetwork stacked) {
    }

    /** Reads a value array of a known length; the length comes from the rebuilt network, never from the bytes. */
    @FunctionalInterface
    private interface Values {
        float[] read(long expected) throws CheckpointException;
    }

    private TrainingState() {
    }

    /** The entries this build writes, in order. */
    static Map<String, byte[]> entries(MultiLayerNetwork discriminator, MultiLayerNetwork stacked)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(COUNTERS, JSON.writeValueAsBytes(new CountersFile(Counters.of(discriminator),
                Counters.of(stacked))));
        entries.put(DISCRIMINATOR, ParameterArrays.toLittleEndian(discriminator.params()));
        entries.put(DISCRIMINATOR_ADAM, adamState(discriminator));
        entries.put(STACKED, ParameterArrays.toLittleEndian(stacked.params()));
        entries.put(STACKED_ADAM, adamState(stacked));
        return entries;
    }

    /** True if the manifest names the older, ModelSerializer-zip training state. */
    static boolean isLegacy(CheckpointManifest manifest) {
        return manifest.sha256().containsKey(LEGACY_DISCRIMINATOR);
    }

    /** Rebuilds D and the stacked network of {@code manifest}'s spec from hash-verified {@code entries}. */
    static Networks read(CheckpointManifest manifest, Map<String, byte[]> entries, CheckpointLimits limits)
            throws CheckpointException {
        GanSpec spec = manifest.spec();
        MultiLayerConfiguration discriminatorConf;
        MultiLayerConfiguration stackedConf;
        try {
            discriminatorConf = GanNetworks.discriminatorConfiguration(spec);
            stackedConf = GanNetworks.stackedConfiguration(spec);
        } catch (RuntimeException e) {
            throw new CheckpointException("the manifest's spec does not describe buildable networks: "
                    + e.getMessage(), e);
        }
        if (isLegacy(manifest)) {
            Counters counters;
            try {
                int step = Math.toIntExact(manifest.step());
                counters = new Counters(step, 0);
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new CheckpointException("the manifest's step " + manifest.step() + " is no iteration count", e);
            }
            return new Networks(
                    legacy(entries, LEGACY_DISCRIMINATOR, "discriminator", discriminatorConf, counters, limits),
                    legacy(entries, LEGACY_STACKED, "stacked network", stackedConf, counters, limits));
        }
        CountersFile counters = counters(entries.get(COUNTERS));
        return new Networks(
                restore("discriminator", discriminatorConf, counters.discriminator(),
                        plain(entries, DISCRIMINATOR, "discriminator"),
                        plain(entries, DISCRIMINATOR_ADAM, "discriminator's Adam state")),
                restore("stacked network", stackedConf, counters.stacked(),
                        plain(entries, STACKED, "stacked network"),
                        plain(entries, STACKED_ADAM, "stacked network's Adam state")));
    }

    private static CountersFile counters(byte[] json) throws CheckpointException {
        try {
            return JSON.readValue(json, CountersFile.class);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(COUNTERS + " is not a valid counters file: " + e.getMessage(), e);
        }
    }

    private static Values plain(Map<String, byte[]> entries, String name, String what) {
        return expected -> ParameterArrays.fromLittleEndian(entries.get(name), expected, name, what);
    }

    /** A ModelSerializer zip read as data: its configuration skipped, its two arrays parsed. */
    private static MultiLayerNetwork legacy(Map<String, byte[]> entries, String name, String what,
            MultiLayerConfiguration conf, Counters counters, CheckpointLimits limits) throws CheckpointException {
        Map<String, byte[]> inner = LimitedZip.read(new ByteArrayInputStream(entries.get(name)), name, 0,
                limits.maxEntries(), (index, entry) -> switch (entry) {
                    case DL4J_CONFIGURATION -> (long) limits.maxManifestBytes();
                    case DL4J_COEFFICIENTS, DL4J_UPDATER -> limits.maxTrainingStateBytes();
                    default -> null;
                });
        Function<String, Values> array = entry -> expected -> {
            byte[] bytes = inner.get(entry);
            if (bytes == null) {
                throw new CheckpointException(name + " has no " + entry + "; entries: " + inner.keySet());
            }
            return ParameterArrays.fromNd4jBinary(bytes, expected, name + "/" + entry, what);
        };
        // ModelSerializer leaves updaterState.bin out when a network has no updater state
        Values updater = expected -> expected == 0 && !inner.containsKey(DL4J_UPDATER) ? new float[0]
                : array.apply(DL4J_UPDATER).read(expected);
        return restore(what, conf, counters, array.apply(DL4J_COEFFICIENTS), updater);
    }

    /**
     * A network of {@code conf} with the given parameters, Adam state and counters. The parameter count is taken
     * from the configuration before anything is allocated; the Adam state's from the built network's updater.
     */
    private static MultiLayerNetwork restore(String what, MultiLayerConfiguration conf, Counters counters,
            Values params, Values adam) throws CheckpointException {
        long count = CheckpointFormat.parameters(conf);
        float[] values = params.read(count);
        conf.setIterationCount(counters.iterations());
        conf.setEpochCount(counters.epochs());
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init(Nd4j.create(values, new long[] {1, values.length}, 'c'), false);
        if (network.numParams() != count) {
            throw new ParameterCountException("the " + what + " built from the spec has " + network.numParams()
                    + " parameters, its configuration says " + count);
        }
        Updater updater = network.getUpdater();
        INDArray state = updater.getStateViewArray();
        float[] stored = adam.read(state == null ? 0 : state.length());
        if (state != null) {
            updater.setStateViewArray(network, Nd4j.create(stored, new long[] {1, stored.length}, 'c'), false);
        }
        return network;
    }

    private static byte[] adamState(MultiLayerNetwork network) {
        INDArray state = network.getUpdater().getStateViewArray();
        return state == null ? new byte[0] : ParameterArrays.toLittleEndian(state);
    }
}
