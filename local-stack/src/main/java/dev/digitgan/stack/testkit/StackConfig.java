package dev.digitgan.stack.testkit;

import dev.digitgan.stack.LocalStack;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** The stack's endpoints as a test sees them: from the configuration {@code LocalStackTestResource} handed out. */
public final class StackConfig {

    private StackConfig() {
    }

    /** Inside a {@code @QuarkusTest}: the running application's configuration. */
    public static LocalStack.Endpoints fromRunningApplication() {
        var config = ConfigProvider.getConfig();
        return LocalStack.Endpoints.fromConfig(key -> config.getValue(key, String.class));
    }

    /** From the map a test resource returned ({@link LocalStack.Endpoints#configProperties()}). */
    public static LocalStack.Endpoints from(Map<String, String> configProperties) {
        return LocalStack.Endpoints.fromConfig(key -> {
            String value = configProperties.get(key);
            if (value == null) {
                throw new IllegalArgumentException("no " + key + " in " + configProperties.keySet());
            }
            return value;
        });
    }
}
