package dev.digitgan.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Splits a multi-document YAML stream (the output of {@code kubectl kustomize}) into {@link Manifest}s. */
public final class ManifestReader {

    private ManifestReader() {
    }

    /**
     * @throws IllegalArgumentException if the text is not YAML, repeats a key (the API server's strict
     *                                  decoding rejects that too) or holds a document that is not a mapping
     */
    public static List<Manifest> read(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<Manifest> manifests = new ArrayList<>();
        int index = 0;
        try {
            for (Object document : parser.loadAll(yaml)) {
                if (document == null) {
                    index++;
                    continue;
                }
                if (!(document instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException("document " + (index + 1) + " is not a mapping but "
                            + document.getClass().getSimpleName());
                }
                manifests.add(new Manifest(index++, stringKeys(map, "document " + index)));
            }
        } catch (YAMLException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        return manifests;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map, String where) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(where + ": key " + entry.getKey() + " is not a string");
            }
            copy.put(key, entry.getValue());
        }
        return copy;
    }
}
