package dev.digitgan.deploycheck;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.util.ModelMapper;
import java.util.Optional;

/**
 * Checks a manifest against the Kubernetes API schema by decoding it into the generated model class of
 * the official Kubernetes Java client ({@code io.kubernetes:client-java}). Those models validate while
 * decoding: unknown fields (a typo such as {@code readinesProbe}), missing required fields and wrong
 * JSON types are errors. {@link StrictPrimitives} makes primitive decoding as strict as the API server's.
 */
public final class SchemaValidator {

    private static final int MAX_MESSAGE = 400;
    private static final String MODELS_PACKAGE = "io.kubernetes.client.openapi.models";

    private final Gson models = StrictPrimitives.register(JSON.getGson().newBuilder()).create();
    private final Gson trees = new Gson();

    /** A manifest that passed, with its decoded model object (e.g. {@code V1Deployment}). */
    public record Valid(Manifest manifest, Object model) {
    }

    /** The decoded model, or the violation that stopped decoding. */
    public record Result(Optional<Valid> valid, Optional<Violation> violation) {
        static Result ok(Manifest manifest, Object model) {
            return new Result(Optional.of(new Valid(manifest, model)), Optional.empty());
        }

        static Result failed(Manifest manifest, String message) {
            return new Result(Optional.empty(), Optional.of(new Violation(manifest.describe(), message)));
        }
    }

    public Result validate(Manifest manifest) {
        String apiVersion = manifest.apiVersion();
        String kind = manifest.kind();
        if (apiVersion == null || kind == null) {
            return Result.failed(manifest, "apiVersion and kind are required");
        }
        if (manifest.name() == null || manifest.name().isBlank()) {
            return Result.failed(manifest, "metadata.name is required");
        }
        Class<?> type = ModelMapper.getApiTypeClass(apiVersion, kind);
        // For a kind it does not know, the mapper offers its schemaless DynamicKubernetesObject: not a schema.
        if (type == null || !type.getPackageName().equals(MODELS_PACKAGE)) {
            return Result.failed(manifest, "no Kubernetes API type " + apiVersion + " " + kind
                    + " (misspelt, removed from the API, or a custom resource this checker cannot validate)");
        }
        try {
            JsonElement tree = trees.toJsonTree(manifest.content());
            Object model = models.fromJson(tree, type);
            return Result.ok(manifest, model);
        } catch (IllegalArgumentException | JsonParseException | IllegalStateException e) {
            return Result.failed(manifest, "does not match the " + type.getSimpleName() + " schema: " + shorten(e));
        }
    }

    private static String shorten(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("java.lang.") || message.startsWith("com.google.gson.")) {
            message = message.substring(message.indexOf(':') + 1).strip();
        }
        // The client's messages end with the whole offending JSON object; the object is named already.
        int json = message.indexOf(" JSON: ");
        if (json > 0) {
            message = message.substring(0, json);
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + " ...";
    }
}
