package dev.digitgan.trainer.config;

import dev.digitgan.support.security.AdminAccount;
import dev.digitgan.trainer.kafka.KafkaRunIdLog;
import dev.digitgan.trainer.kafka.RunStatusView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's run-status view and run-id log, started when first needed and closed at shutdown; and its admin
 * account, who may start and stop runs.
 */
@ApplicationScoped
public class QueueProducers {

    @Produces
    @Singleton
    AdminAccount adminAccount(TrainerConfig config) {
        return AdminAccount.of("digitgan.trainer.admin", config.admin());
    }

    @Produces
    @Singleton
    RunStatusView runStatusView(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                TrainerConfig config) {
        RunStatusView view = new RunStatusView(bootstrapServers, config.instanceId());
        view.start();
        return view;
    }

    void close(@Disposes RunStatusView view) {
        view.close();
    }

    @Produces
    @Singleton
    KafkaRunIdLog runIdLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                           TrainerConfig config) {
        KafkaRunIdLog log = new KafkaRunIdLog(bootstrapServers, config.instanceId());
        log.start();
        return log;
    }

    void close(@Disposes KafkaRunIdLog log) {
        log.close();
    }
}
