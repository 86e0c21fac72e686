package dev.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.EmfMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void from_noNamespace_theDefault() {
        assertThat(TelemetryConfig.from(Map.of(TelemetryConfig.INTAKE_METRICS_NAMESPACE, "")).metricsNamespace())
                .isEqualTo(EmfMetrics.DEFAULT_NAMESPACE);
    }
}
