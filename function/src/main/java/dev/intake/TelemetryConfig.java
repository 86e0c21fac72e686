package dev.intake;

import dev.intake.aws.EmfMetrics;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the deployed function sends its metrics and events, from the environment template.yaml
 * sets (docs/configuration.md). {@code eventBus} null: no events.
 */
public record TelemetryConfig(String eventBus, String metricsNamespace) {

    public static final String INTAKE_EVENT_BUS = "INTAKE_EVENT_BUS";
    public static final String INTAKE_METRICS_NAMESPACE = "INTAKE_METRICS_NAMESPACE";

    /** CloudWatch's rule for a namespace: template.yaml's MetricsNamespace parameter has it too, between ^ and $. */
    public static final String NAMESPACE_RULE = "(?!AWS/)[0-9A-Za-z.\\-_/#]([0-9A-Za-z.\\-_/#: ]{0,253}[0-9A-Za-z.\\-_/#:])?";
    private static final Pattern NAMESPACE = Pattern.compile(NAMESPACE_RULE);

    /**
     * @throws IllegalArgumentException for a namespace CloudWatch makes no metrics in: set by
     *     hand (the template refuses one), it left the alarms on it silent (review "own53")
     */
    public static TelemetryConfig from(Map<String, String> env) {
        var namespace = IntakeConfig.textOr(env.get(INTAKE_METRICS_NAMESPACE), EmfMetrics.DEFAULT_NAMESPACE);
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(INTAKE_METRICS_NAMESPACE + " must be a CloudWatch namespace (letters, digits,"
                    + " spaces and . - _ / # : only, not beginning with : or AWS/, at most 255 characters), got \"" + namespace + "\"");
        }
        return new TelemetryConfig(IntakeConfig.textOr(env.get(INTAKE_EVENT_BUS), null), namespace);
    }
}
