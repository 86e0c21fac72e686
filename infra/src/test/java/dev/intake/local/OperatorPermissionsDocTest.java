package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * docs/deploy.md tells an operator to run {@code ./intake catalog} against the deployed tables "with
 * your AWS credentials", and names one permission those credentials need ({@code dynamodb:Query}
 * on the imports table's byOrg index). A principal scoped to what the docs name gets AccessDenied
 * on the load's first other request (review "iamcoverage"). Each action a load sends, as IAM
 * authorises it ({@link FunctionRoleCheck#needed}), should be named where the docs tell the
 * operator to load a catalog.
 */
class OperatorPermissionsDocTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @Test
    void deployMd_loadACatalog_namesEveryActionALoadOfTheSampleCatalogSends() throws Exception {
        var actions = new TreeSet<String>();
        var sent = new TreeSet<String>();
        var check = emulators.functionRole(java.util.Map.of());
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                check.needed(context.request()).forEach(p -> { actions.add(p.action()); sent.add(p.toString()); });
            }
        };
        var file = CatalogFile.read(Emulators.ROOT.resolve("samples/acme/catalog.json"));
        var loader = new CatalogLoader(emulators.cliDynamoThrough(recorder, 3), emulators.aws.config());
        loader.load(file, "catalog.json");
        loader.load(file, "catalog.json"); // a reload, as deploy.md says loading merges

        var deploy = Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var section = deploy.substring(deploy.indexOf("## Load a catalog"), deploy.indexOf("## Import a file"));
        var unnamed = new ArrayList<String>();
        for (var action : actions) {
            if (!section.contains(action)) {
                unnamed.add(action);
            }
        }
        assertThat(actions).as("what a load sends").contains("dynamodb:Query");
        assertThat(unnamed).as("actions a catalog load sends (" + actions + ") that deploy.md's \"Load a catalog\""
                + " does not tell the operator their credentials need; sent: " + sent).isEmpty();
    }
}
