package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.imports.ObjectKey;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the template's parameters take. Its UploaderOrg parameter makes OrgUploaderRole, which may write under
 * {@code <UploaderOrg>/} only: CloudFormation takes a value exactly where Intake imports for it as
 * an org ({@link ObjectKey#validOrg}). Found by review "orgisolation" (7 December 2026): a role
 * for "acme " (a pasted value's trailing space) deployed cleanly, and then every upload its people
 * made was FAILED, "an org name may not begin or end with a space". Its MetricsNamespace
 * parameter takes what CloudWatch takes as a namespace (review "misconfig", below).
 */
class TemplateParameterPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme ", " acme", "acme\t", "acme\u00a0", "\u3000acme", "a#b", "acme/x"})
    void uploaderOrg_valueIntakeRefusesAsAnOrg_isRefusedByTheTemplate(String value) throws Exception {
        assertThat(ObjectKey.validOrg(value) && !value.contains("/")).as("Intake takes \"" + value + "\" as an org").isFalse();
        assertThat(allowed("UploaderOrg").matcher(value).matches()).as("UploaderOrg's AllowedPattern takes \"" + value + "\"").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme", "a", "acme-2", "Acme Corp", "zürich", "株式会社"})
    void uploaderOrg_orgIntakeImportsFor_isTakenByTheTemplate(String value) throws Exception {
        assertThat(allowed("UploaderOrg").matcher(value).matches()).as("UploaderOrg's AllowedPattern takes \"" + value + "\"").isTrue();
    }

    /**
     * Found by review "misconfig" on 7 December 2026: MetricsNamespace took any string, and the
     * function writes it into every EMF document as written. CloudWatch takes a namespace of
     * letters, digits, . - _ / # : and space only, none beginning "AWS/": a document naming another
     * makes no metric, so a stack deployed with "Intake (prod)" had FailedImportsAlarm and
     * EventsNotPublishedAlarm (missing data not breaching) silent, with nothing that said so.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Intake (prod)", "AWS/Intake", "Intake|prod", "Intäke", "Intake@eu", "", "   ",
            // review "own53": the function trims the value, the alarms watch it as written; CloudWatch refuses a leading ':'
            " Intake", "Intake ", " AWS/x", ":Intake", "::"})
    void metricsNamespace_namespaceCloudWatchMakesNoMetricsIn_isRefusedByTheTemplate(String value) throws Exception {
        assertThat(allowed("MetricsNamespace").matcher(value).matches()).as("MetricsNamespace's AllowedPattern takes \"" + value + "\"").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Intake", "Intake/prod", "intake-eu_1", "Acme Intake", "Intake:eu#2", "AWSIntake", "I", "Intake:"})
    void metricsNamespace_ordinaryName_isTakenByTheTemplate(String value) throws Exception {
        assertThat(allowed("MetricsNamespace").matcher(value).matches()).as("MetricsNamespace's AllowedPattern takes \"" + value + "\"").isTrue();
    }

    /** The function checks a namespace set by hand by the template's own rule. */
    @Test
    void metricsNamespace_templatesRule_isTheFunctions() throws Exception {
        assertThat(allowed("MetricsNamespace").pattern()).isEqualTo("^" + dev.intake.TelemetryConfig.NAMESPACE_RULE + "$");
    }

    @SuppressWarnings("unchecked")
    private static Pattern allowed(String parameter) throws Exception {
        var parameters = (Map<String, Object>) CloudFormationYaml.load(TemplateTablesTest.PROJECT_TEMPLATE).get("Parameters");
        return Pattern.compile(String.valueOf(((Map<String, Object>) parameters.get(parameter)).get("AllowedPattern")));
    }
}
