package dev.intake;

import dev.intake.aws.EmfMetrics;
import java.util.Map;

/**
 * Where the deployed function sends its metrics and events, from the environment template.yaml
 * sets (docs/configuration.md). {@code eventBus} null: no events.
 */
public record TelemetryConfig(String eventBus, String metricsNamespace) {

    public static final String INTAKE_EVENT_BUS = "INTAKE_EVENT_BUS";
    public static final String INTAKE_METRICS_NAMESPACE = "INTAKE_METRICS_NAMESPACE";

    public static TelemetryConfig from(Map<String, String> env) {
        return new TelemetryConfig(IntakeConfig.textOr(env.get(INTAKE_EVENT_BUS), null),
                IntakeConfig.textOr(env.get(INTAKE_METRICS_NAMESPACE), EmfMetrics.DEFAULT_NAMESPACE));
    }
}
