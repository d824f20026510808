package dev.digitgan.deploycheck;

import java.util.Map;

/** One object of a rendered manifest stream as parsed from YAML, before any schema applies. */
public record Manifest(int index, Map<String, Object> content) {

    public Manifest {
        content = Map.copyOf(content);
    }

    public String apiVersion() {
        return content.get("apiVersion") instanceof String s ? s : null;
    }

    public String kind() {
        return content.get("kind") instanceof String s ? s : null;
    }

    public String name() {
        return content.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String s
                ? s
                : null;
    }

    /** "Kind/name (document n)", n counted from 1 as an editor shows it. */
    public String describe() {
        return (kind() == null ? "?" : kind()) + "/" + (name() == null ? "?" : name())
                + " (document " + (index + 1) + ")";
    }
}
