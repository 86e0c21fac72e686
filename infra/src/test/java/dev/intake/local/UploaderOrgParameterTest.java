package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.imports.ObjectKey;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The template's UploaderOrg parameter makes OrgUploaderRole, which may write under
 * {@code <UploaderOrg>/} only: CloudFormation takes a value exactly where Intake imports for it as
 * an org ({@link ObjectKey#validOrg}). Found by review "orgisolation" (7 December 2026): a role
 * for "acme " (a pasted value's trailing space) deployed cleanly, and then every upload its people
 * made was FAILED, "an org name may not begin or end with a space".
 */
class UploaderOrgParameterTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme ", " acme", "acme\t", "acme\u00a0", "\u3000acme", "a#b", "acme/x"})
    void uploaderOrg_valueIntakeRefusesAsAnOrg_isRefusedByTheTemplate(String value) throws Exception {
        assertThat(ObjectKey.validOrg(value) && !value.contains("/")).as("Intake takes \"" + value + "\" as an org").isFalse();
        assertThat(allowed().matcher(value).matches()).as("UploaderOrg's AllowedPattern takes \"" + value + "\"").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme", "a", "acme-2", "Acme Corp", "zürich", "株式会社"})
    void uploaderOrg_orgIntakeImportsFor_isTakenByTheTemplate(String value) throws Exception {
        assertThat(allowed().matcher(value).matches()).as("UploaderOrg's AllowedPattern takes \"" + value + "\"").isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Pattern allowed() throws Exception {
        var parameters = (Map<String, Object>) CloudFormationYaml.load(TemplateTablesTest.PROJECT_TEMPLATE).get("Parameters");
        return Pattern.compile(String.valueOf(((Map<String, Object>) parameters.get("UploaderOrg")).get("AllowedPattern")));
    }
}
