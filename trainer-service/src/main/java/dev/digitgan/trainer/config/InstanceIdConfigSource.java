package dev.digitgan.trainer.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the default of {@code digitgan.trainer.instance-id}: the host name (a StatefulSet pod's name, stable
 * across restarts). It has a low ordinal so that application.properties, system properties and
 * {@code DIGITGAN_TRAINER_INSTANCE_ID} win.
 * A config source rather than code in a bean because the run-control consumer's group id is built from it in
 * application.properties.
 */
public final class InstanceIdConfigSource implements ConfigSource {

    static final String PROPERTY = "digitgan.trainer.instance-id";

    private final Map<String, String> values;

    public InstanceIdConfigSource() {
        this(System.getenv());
    }

    InstanceIdConfigSource(Map<String, String> env) {
        this.values = Map.of(PROPERTY, resolve(env));
    }

    static String resolve(Map<String, String> env) {
        String host = env.get("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // No resolvable host name: a fixed id still lets a single instance resume its runs.
            return "trainer";
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "digitgan-trainer-instance-id";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
