package dev.digitgan.deploycheck;

import java.util.Arrays;
import java.util.Locale;

/** The kustomize overlays and what tells them apart. */
public enum Overlay {
    CPU,
    GPU;

    public static Overlay parse(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown overlay '" + name + "'; expected cpu or gpu"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
