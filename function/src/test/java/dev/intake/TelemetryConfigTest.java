package dev.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.aws.EmfMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryConfigTest {

    @Test
    void from_noEventBusSetOrABlankOne_sendsNoEvents() {
        assertThat(TelemetryConfig.from(Map.of()).eventBus()).isNull();
        assertThat(TelemetryConfig.from(Map.of(TelemetryConfig.INTAKE_EVENT_BUS, "  ")).eventBus()).isNull();
    }

    @Test
    void from_eventBusAndNamespace_trimmed() {
        var config = TelemetryConfig.from(Map.of(TelemetryConfig.INTAKE_EVENT_BUS, " intake-bus ",
                TelemetryConfig.INTAKE_METRICS_NAMESPACE, " Acme/Intake "));

        assertThat(config.eventBus()).isEqualTo("intake-bus");
        assertThat(config.metricsNamespace()).isEqualTo("Acme/Intake");
    }

    /**
     * A namespace CloudWatch makes no metrics in, set by hand (the template refuses one): the
     * alarms on it never fired, and nothing said so (review "own53" on 7 December 2026). The
     * function refuses to start, naming the variable, as for its other settings.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Intake (prod)", "AWS/Intake", ":Intake", "Intäke"})
    void from_namespaceCloudWatchTakesNoMetricsIn_refusedNamingTheVariable(String namespace) {
        assertThatThrownBy(() -> TelemetryConfig.from(Map.of(TelemetryConfig.INTAKE_METRICS_NAMESPACE, namespace)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_METRICS_NAMESPACE must be a CloudWatch namespace (letters, digits, spaces and . - _ / # :"
                        + " only, not beginning with : or AWS/, at most 255 characters), got \"" + namespace + "\"");
    }

    @Test
    void from_noNamespace_theDefault() {
        assertThat(TelemetryConfig.from(Map.of(TelemetryConfig.INTAKE_METRICS_NAMESPACE, "")).metricsNamespace())
                .isEqualTo(EmfMetrics.DEFAULT_NAMESPACE);
    }
}
