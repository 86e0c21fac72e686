package dev.intake.bench.coldstart;

import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The per-import metrics document written through Powertools for AWS Lambda (Java) 2.2.0 metrics
 * instead of by hand: same namespace, dimensions, metrics and properties. Run by the cold-start
 * bench after the import, in the probe's fresh JVM.
 */
public final class PowertoolsMetrics implements Runnable {

    @Override
    public void run() {
        var metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace("Intake");
        metrics.addDimension(DimensionSet.of("importer", "part-inventory", "status", "SUCCEEDED"));
        metrics.addMetadata("org", "coldstart");
        metrics.addMetadata("importId", "81fa2d89991d4d14ea6302d647842d68");
        metrics.addMetric("Imports", 1, MetricUnit.COUNT);
        metrics.addMetric("Rows", 10, MetricUnit.COUNT);
        metrics.addMetric("Created", 10, MetricUnit.COUNT);
        metrics.addMetric("Updated", 0, MetricUnit.COUNT);
        metrics.addMetric("Errors", 0, MetricUnit.COUNT);
        metrics.addMetric("Duration", 120, MetricUnit.MILLISECONDS);
        metrics.addMetric("RowsPerSecond", 83, MetricUnit.COUNT_SECOND);
        metrics.flush();
    }
}
