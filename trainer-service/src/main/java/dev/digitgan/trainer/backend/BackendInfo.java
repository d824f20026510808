package dev.digitgan.trainer.backend;

import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend and device this process computes on, as one log line: a person comparing training speeds
 * across machines needs to know whether it was the CPU or CUDA backend, which BLAS and how many threads.
 *
 * @param backend     ND4J backend class (e.g. CpuBackend, JCublasBackend)
 * @param device      "CPU" or the GPU(s) the executioner reports
 * @param threads     ND4J's max threads (OpenMP; set by {@code OMP_NUM_THREADS})
 * @param environment everything {@code Nd4j.getExecutioner().getEnvironmentInformation()} reports
 */
public record BackendInfo(String backend, String device, int threads, Map<String, String> environment) {

    /** Reads the live backend; this initialises ND4J (loads its native library) if nothing did yet. */
    public static BackendInfo current() {
        Environment env = Nd4j.getEnvironment();
        Properties props = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, String> environment = new TreeMap<>();
        props.forEach((k, v) -> environment.put(String.valueOf(k), String.valueOf(v)));
        String device = env.isCPU() ? "CPU" : gpuDescription(environment);
        return new BackendInfo(Nd4j.getBackend().getClass().getSimpleName(), device, env.maxThreads(),
                Collections.unmodifiableMap(environment));
    }

    private static String gpuDescription(Map<String, String> environment) {
        // The CUDA backend reports its devices under a "cuda.devicesInformation" key.
        return environment.entrySet().stream()
                .filter(e -> e.getKey().startsWith("cuda"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "GPU [", "]"));
    }

    /** One line for a log: backend, device, threads, then the environment keys in sorted order. */
    public String describe() {
        String details = environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return "ND4J backend " + backend + " on " + device + ", " + threads + " thread(s); " + details;
    }
}
