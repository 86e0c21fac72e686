package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What deploying needs beyond the code: the template lints clean (where cfn-lint is installed),
 * its CodeUri and Handler name what the build produces, and the documented per-org uploader
 * policy is a well-formed IAM policy that confines uploads to one org's prefix.
 */
class DeploymentTest {

    private static final Path TEMPLATE = Emulators.TEMPLATE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cfnLint_template_reportsNothing() throws Exception {
        assumeCfnLint();

        var result = run(List.of("cfn-lint", "--", TEMPLATE.toString()));

        assertThat(result.exit()).as(result.output()).isZero();
    }

    /** Regions without SnapStart are supported with the parameter SnapStart=false (the property then goes). */
    @Test
    void cfnLint_allRegionsWithSnapStartOff_reportsNothing(@TempDir Path dir) throws Exception {
        assumeCfnLint();
        var withoutSnapStart = dir.resolve("template.yaml");
        Files.writeString(withoutSnapStart, withoutSnapStart(Files.readString(TEMPLATE)));

        var result = run(List.of("cfn-lint", "--regions", "ALL_REGIONS", "--", withoutSnapStart.toString()));

        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void codeUri_isTheZipTheBuildWrites_holdingTheHandlerAndItsLibrariesOnly() throws Exception {
        var function = function();
        var codeUri = TEMPLATE.getParent().resolve((String) function.get("CodeUri")).normalize();
        var handler = (String) function.get("Handler");

        assertThat(codeUri).isEqualTo(Emulators.ROOT.resolve("function/target/intake-function.zip"));
        assertThat(codeUri).as("built by mvn package in function/").isRegularFile();
        var handlerClass = handler.substring(0, handler.indexOf("::"));
        var handlerMethod = handler.substring(handler.indexOf("::") + 2);
        try (var zip = new ZipFile(codeUri.toFile())) {
            var names = zip.stream().map(entry -> entry.getName()).toList();
            assertThat(names).contains(handlerClass.replace('.', '/') + ".class");
            assertThat(names).filteredOn(name -> name.startsWith("lib/") && name.endsWith(".jar"))
                    .anyMatch(name -> name.startsWith("lib/aws-lambda-java-core-"))
                    .anyMatch(name -> name.startsWith("lib/dynamodb-"))
                    .anyMatch(name -> name.startsWith("lib/s3-"))
                    .anyMatch(name -> name.startsWith("lib/eventbridge-"))
                    .noneMatch(name -> name.contains("DynamoDBLocal") || name.contains("s3proxy") || name.contains("junit")
                            || name.contains("assertj") || name.contains("jackson-databind"));
            assertThat(names).noneMatch(name -> name.startsWith("dev/intake/local/") || name.startsWith("dev/intake/testing/"));
        }
        var type = Class.forName(handlerClass);
        assertThat(type.getMethod(handlerMethod, S3Event.class, Context.class)).isNotNull();
        assertThat(type.getConstructor()).as("the runtime constructs the handler without arguments").isNotNull();
    }

    /**
     * Found by review (deploydoc, 7 Dec 2026): Lambda needs every file of a deployment package
     * readable by all (0644) and every folder readable and searchable (0755): it runs the function
     * as a user other than the one that owns /var/task ("permission denied" / class not found,
     * AWS Knowledge Center, lambda-deployment-package-errors). The assembly copies the modes of
     * target/classes as the builder's umask made them: built with umask 077 (hardened hosts, some
     * CI images), IntakeHandler.class and every class and folder of the function's own are 0600 and
     * 0700 in the zip (the lib/ jars, copied from ~/.m2, stay 0644), so the deployed function
     * cannot load its handler; and the zip differs from one built under umask 022, against
     * deploy.md's "the same sources give the same zip". The descriptor must pin the modes.
     */
    @Test
    void deploymentZip_everyEntryReadableByLambda_whateverTheBuildersUmask() throws Exception {
        var descriptor = Files.readString(Emulators.ROOT.resolve("function/src/assembly/lambda-zip.xml"));
        assertThat(descriptor).as("function/src/assembly/lambda-zip.xml pins the entries' modes")
                .contains("<fileMode>0644</fileMode>").contains("<directoryMode>0755</directoryMode>");
        var zip = Emulators.ROOT.resolve("function/target/intake-function.zip");
        assertThat(zip).as("built by mvn package in function/").isRegularFile();
        assertThat(unixModes(zip)).as("unix modes of the zip's entries").isNotEmpty().allSatisfy((name, mode) -> {
            var wanted = name.endsWith("/") ? 0555 : 0444;
            assertThat(mode & wanted).as(name + " (mode %o)", mode).isEqualTo(wanted);
        });
    }

    /** Each entry's unix mode, read from the zip's central directory (java.util.zip does not expose it). */
    private static Map<String, Integer> unixModes(Path zip) throws IOException {
        var bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(zip)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int end = bytes.limit() - 22;
        while (bytes.getInt(end) != 0x06054b50) {
            end--;
        }
        int entries = Short.toUnsignedInt(bytes.getShort(end + 10));
        int at = bytes.getInt(end + 16);
        var modes = new java.util.LinkedHashMap<String, Integer>();
        for (int i = 0; i < entries; i++) {
            assertThat(bytes.getInt(at)).as("central directory header").isEqualTo(0x02014b50);
            int nameLength = Short.toUnsignedInt(bytes.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(bytes.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(bytes.getShort(at + 32));
            int external = bytes.getInt(at + 38);
            var name = new byte[nameLength];
            bytes.get(at + 46, name);
            modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
            at += 46 + nameLength + extraLength + commentLength;
        }
        return modes;
    }

    @Test
    void uploaderPolicyExample_isWellFormedAndConfinesWritesToOneOrg() throws Exception {
        var policy = JSON.readTree(Emulators.ROOT.resolve("docs/uploader-policy.json").toFile());

        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        var statements = new ArrayList<JsonNode>();
        policy.get("Statement").forEach(statements::add);
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.get("Sid").asText()).matches("[A-Za-z0-9]+");
            assertThat(statement.get("Effect").asText()).isIn("Allow", "Deny");
            assertThat(strings(statement.get("Action"))).isNotEmpty().allMatch(action -> action.startsWith("s3:"));
            assertThat(strings(statement.get("Resource"))).isNotEmpty().allMatch(arn -> arn.startsWith("arn:aws:s3:::"));
        });
        var writes = statements.stream().filter(s -> s.get("Effect").asText().equals("Allow")
                && strings(s.get("Action")).contains("s3:PutObject")).toList();
        assertThat(writes).isNotEmpty().allSatisfy(statement ->
                assertThat(strings(statement.get("Resource"))).allMatch(arn -> arn.matches("arn:aws:s3:::[a-z0-9.-]+/acme/\\*")));
        assertThat(statements).anySatisfy(statement -> {
            assertThat(statement.get("Effect").asText()).isEqualTo("Deny");
            assertThat(strings(statement.get("Resource"))).anyMatch(arn -> arn.endsWith("*.report.json"));
        });
    }

    /**
     * Errors files written before the rename, and the name SPEC §2 still gives them, end in
     * ".csv.errors.csv": Intake's outputs in every bucket deployed before the rename, and where a
     * reader following SPEC looks. The uploader policies denied only the new ".errors.CSV", so an
     * org's uploader could overwrite (forge) such a file (found by review); Intake ignores the
     * name, so denying it blocks no upload. They also deny keys in upper-case ".CSV", which S3's
     * case-sensitive trigger never imports: refused, the uploader learns at once. Checked in the
     * example policy and in the template's OrgUploaderRole.
     */
    @Test
    void uploaderPolicies_denyForgingErrorsFilesUnderTheirSpecAndLegacyNameAndUploadsTheTriggerNeverSees() throws Exception {
        assertThat(deniedByExamplePolicy()).as("denied resources of docs/uploader-policy.json")
                .anyMatch(arn -> arn.endsWith("/*.csv.errors.csv"))
                .anyMatch(arn -> arn.endsWith("/*.CSV"));
        var template = java.nio.file.Files.readString(Emulators.ROOT.resolve("template.yaml"));
        var role = template.substring(template.indexOf("Sid: NoForgedOutputs"));
        role = role.substring(0, role.indexOf("\n\n"));
        assertThat(role).as("OrgUploaderRole's NoForgedOutputs statement").contains("*.csv.errors.csv");
        var unseen = template.substring(template.indexOf("Sid: OnlyKeysTheTriggerSees"));
        assertThat(unseen.substring(0, unseen.indexOf("\n\n"))).as("OrgUploaderRole's OnlyKeysTheTriggerSees")
                .contains("Effect: Deny", "s3:PutObject", "/*.CSV'");
    }

    /**
     * The denial of "*.CSV" exists because S3's trigger is case-sensitive: a key it never sees is
     * never imported and nobody hears of it (deploy.md). IAM's resource match is case-sensitive
     * too, so "Stock.Csv" or "stock.cSV" used to be accepted, never imported, with no report
     * (found by review): every spelling but ".csv" is denied.
     */
    @Test
    void uploaderPolicies_denyEveryKeyTheTriggerNeverSees_mixedCaseSuffixesToo() throws Exception {
        var spellings = List.of("csV", "cSv", "cSV", "Csv", "CsV", "CSv", "CSV");
        var denied = deniedByExamplePolicy();
        var template = java.nio.file.Files.readString(Emulators.ROOT.resolve("template.yaml"));
        var role = template.substring(template.indexOf("Sid: OnlyKeysTheTriggerSees"));
        role = role.substring(0, role.indexOf("\n\n"));
        for (var spelling : spellings) {
            assertThat(denied).as("denied resources of docs/uploader-policy.json").anyMatch(arn -> arn.endsWith("/*." + spelling));
            assertThat(role).as("OrgUploaderRole's OnlyKeysTheTriggerSees").contains("/*." + spelling + "'");
        }
        assertThat(denied).noneMatch(arn -> arn.endsWith("/*.csv"));
    }

    /**
     * deploy.md tells uploaders to `aws s3 cp` their files; a file over 8 MiB (the CLI's default
     * threshold; MaxFileBytes allows 256 MiB) goes up in parts, and when a part fails or the
     * uploader presses Ctrl-C the CLI aborts the upload. The abort is authorised by
     * s3:AbortMultipartUpload, which s3:PutObject does not cover: both uploader policies refuse it,
     * so the parts stay (and are billed) until the bucket's 7-day lifecycle rule, unseen (review
     * "iamcoverage"). The function's own role grants it for its errors CSV for this very reason.
     */
    @Test
    void uploaderPolicies_letAnUploaderAbortTheirOwnMultipartUpload_asTheCliDoesOnFailure() throws Exception {
        var policy = JSON.readTree(Emulators.ROOT.resolve("docs/uploader-policy.json").toFile());
        var allowed = new ArrayList<String>();
        policy.get("Statement").forEach(statement -> {
            if (statement.get("Effect").asText().equals("Allow")
                    && strings(statement.get("Action")).contains("s3:AbortMultipartUpload")) {
                allowed.addAll(strings(statement.get("Resource")));
            }
        });
        assertThat(allowed).as("docs/uploader-policy.json: s3:AbortMultipartUpload under acme/")
                .anyMatch(arn -> arn.endsWith("/acme/*"));
        var template = java.nio.file.Files.readString(Emulators.ROOT.resolve("template.yaml"));
        var role = template.substring(template.indexOf("  OrgUploaderRole:"));
        role = role.substring(0, role.indexOf("\n  # ----"));
        assertThat(role).as("OrgUploaderRole's policy").contains("s3:AbortMultipartUpload");
    }

    /**
     * deploy.md offers "an S3 Access Point per org" with "an access point policy with the same
     * statements" and says nothing in Intake needs changing. S3 honours an access point policy's
     * grant only where the underlying bucket allows the same access too, by a bucket policy that
     * delegates to access points ({@code s3:DataAccessPointAccount}) or grants it itself (S3 user
     * guide, "Configuring IAM policies for using access points"). IntakeBucketPolicy holds Deny
     * statements only, so an uploader granted by the access point's policy alone gets AccessDenied
     * on every upload (review "iamcoverage"). Either the bucket policy delegates, or the docs say
     * what to add.
     */
    @Test
    void deployMd_accessPointPerOrg_theBucketDelegatesToAccessPointsOrTheDocsSayHow() throws Exception {
        var template = java.nio.file.Files.readString(Emulators.ROOT.resolve("template.yaml"));
        var bucketPolicy = template.substring(template.indexOf("  IntakeBucketPolicy:"));
        bucketPolicy = bucketPolicy.substring(0, bucketPolicy.indexOf("\n  # ----"));
        var deploy = java.nio.file.Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var accessPoints = deploy.substring(deploy.indexOf("**An S3 Access Point per org**"));
        accessPoints = accessPoints.substring(0, accessPoints.indexOf("\n\n"));

        assertThat(bucketPolicy.contains("s3:DataAccessPointAccount") || accessPoints.contains("s3:DataAccessPointAccount")
                || accessPoints.toLowerCase(java.util.Locale.ROOT).contains("bucket policy"))
                .as("IntakeBucketPolicy delegates to access points, or deploy.md's access point bullet says the bucket"
                        + " policy must; bullet: " + accessPoints).isTrue();
    }

    private static List<String> deniedByExamplePolicy() throws java.io.IOException {
        var policy = JSON.readTree(Emulators.ROOT.resolve("docs/uploader-policy.json").toFile());
        var denied = new ArrayList<String>();
        policy.get("Statement").forEach(statement -> {
            if (statement.get("Effect").asText().equals("Deny")) {
                denied.addAll(strings(statement.get("Resource")));
            }
        });
        return denied;
    }

    /**
     * events/README.md's `sam local invoke` recipe overrides the table variables the template
     * declares; its env file used to leave SERIALS_TABLE out (found by review): locally SAM cannot
     * resolve `!Ref SerialsTable`, so the function would look for a serials table that does not
     * exist in the account.
     */
    @Test
    void samLocalInvokeRecipe_overridesEveryTableVariableTheTemplateDeclares() throws Exception {
        var readme = java.nio.file.Files.readString(Emulators.ROOT.resolve("events/README.md"));
        var fromEnvFile = readme.substring(readme.indexOf("{\"IntakeFunction\""));
        var envFile = fromEnvFile.substring(0, fromEnvFile.indexOf("EOF"));
        var template = java.nio.file.Files.readString(Emulators.ROOT.resolve("template.yaml"));
        var declared = java.util.regex.Pattern.compile("\n\\s+([A-Z_]+_TABLE): !Ref").matcher(template).results()
                .map(m -> m.group(1)).toList();
        assertThat(declared).contains("SERIALS_TABLE");
        assertThat(declared).allSatisfy(variable -> assertThat(envFile).as("env file in events/README.md").contains("\"" + variable + "\""));
    }

    /**
     * A table's throttle metrics (TableName alone) leave its global secondary indexes out, and a
     * throttled index write fails the table write that needed it: every index's throttles are
     * watched by some alarm (found by review: no alarm watched byParent, installations or byOrg).
     * And no alarm holds more than ten metrics, CloudWatch's limit for a metric math alarm.
     */
    @Test
    @SuppressWarnings("unchecked")
    void alarms_watchTheThrottlesOfEveryTableAndIndex_noneHoldsMoreThanTenMetrics() throws Exception {
        var resources = (Map<String, Object>) CloudFormationYaml.load(TEMPLATE).get("Resources");
        var watched = new ArrayList<String>();
        var wanted = new ArrayList<String>();
        resources.forEach((name, value) -> {
            var resource = (Map<String, Object>) value;
            var properties = (Map<String, Object>) resource.get("Properties");
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type")) && properties.containsKey("Metrics")) {
                var stats = ((List<Map<String, Object>>) properties.get("Metrics")).stream()
                        .map(query -> (Map<String, Object>) query.get("MetricStat")).filter(Objects::nonNull).toList();
                assertThat(stats).as(name + "'s metrics").hasSizeLessThanOrEqualTo(10);
                stats.forEach(stat -> watched.add(throttleMetric((Map<String, Object>) stat.get("Metric"))));
            }
            if ("AWS::DynamoDB::Table".equals(resource.get("Type"))) {
                for (var metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
                    wanted.add(metric + " " + name);
                    for (var gsi : (List<Map<String, Object>>) properties.getOrDefault("GlobalSecondaryIndexes", List.of())) {
                        wanted.add(metric + " " + name + "/" + gsi.get("IndexName"));
                    }
                }
            }
        });

        assertThat(wanted).hasSize(16);
        assertThat(watched).as("the metrics the alarms watch").containsAll(wanted);
    }

    /**
     * Found by review: docs/deploy.md's "From stacks deployed before December 2026" walks an
     * in-place update (the inventory table "gains" an index that DynamoDB "fills from the existing
     * items", the serials of "inventory already in the inventory table" are claimed), but the
     * template of those stacks (the last one is commit 6be424f, 22 November 2026) keyed
     * InventoryTable by (org, id) and PurchaseOrdersTable by (org, sk), and this one keys both by
     * (shard, ...). A new key schema is a replacement, as deploy.md says a few lines up ("the stack
     * then points at a new, empty one"): the update leaves every inventory record and PO in the
     * retained old tables, under names no output names any more, and the function on empty ones
     * (claim-serials then claims nothing; every update by id fails NOT_FOUND). Each table the
     * update replaces must be named in that section, with how to move its items. Intake has no
     * migration of them: the section now says so, and gives the way across (a new stack).
     */
    @Test
    @SuppressWarnings("unchecked")
    void upgradeFromAStackDeployedBeforeDecember_namesEveryTableTheUpdateReplacesAndHowToMoveItsItems() throws Exception {
        // KeySchema of each table in template.yaml as of 6be424f (22 November 2026), the last before December.
        var before = Map.of(
                "InventoryTable", List.of("org HASH", "id RANGE"),
                "CatalogTable", List.of("org HASH", "sk RANGE"),
                "ImportsTable", List.of("importId HASH"),
                "PurchaseOrdersTable", List.of("org HASH", "sk RANGE"));
        var resources = (Map<String, Object>) CloudFormationYaml.load(TEMPLATE).get("Resources");
        var replaced = new ArrayList<String>();
        before.forEach((table, keys) -> {
            var properties = (Map<String, Object>) ((Map<String, Object>) resources.get(table)).get("Properties");
            var now = ((List<Map<String, Object>>) properties.get("KeySchema")).stream()
                    .map(key -> key.get("AttributeName") + " " + key.get("KeyType")).toList();
            if (!now.equals(keys)) {
                replaced.add(table);
            }
        });
        var section = olderStacksParagraph();

        assertThat(replaced).as("tables whose key schema changed since 6be424f").containsExactlyInAnyOrder(
                "InventoryTable", "PurchaseOrdersTable");
        assertThat(section).as("docs/deploy.md on stacks from before 2 December 2026")
                .contains("not an update in place").contains("InventoryTable").contains("PurchaseOrdersTable")
                .contains("a new stack beside the old one");
    }

    /**
     * Found by review: since 5 December 2026 docs/deploy.md sends a stack from before 2 December
     * 2026 across by "a new stack beside the old one: deploy this version under another stack
     * name". The only resource the template names is the bucket, {@code <BucketNamePrefix>-<account
     * id>-<region>}, and the old stacks' template named it the same way (6be424f); a new stack with
     * the default prefix in the same account and region asks CloudFormation for the old stack's
     * bucket, and its creation fails ("already exists"). The section must say to give the new stack
     * another BucketNamePrefix (the Parameters table says so "for a second stack", but the steps
     * that send the reader across do not).
     */
    @Test
    @SuppressWarnings("unchecked")
    void upgradeFromAStackDeployedBeforeDecember_newStackBesideTheOldOneIsGivenAnotherBucketNamePrefix() throws Exception {
        var resources = (Map<String, Object>) CloudFormationYaml.load(TEMPLATE).get("Resources");
        var bucket = (Map<String, Object>) ((Map<String, Object>) resources.get("IntakeBucket")).get("Properties");
        var section = olderStacksParagraph();

        assertThat(String.valueOf(bucket.get("BucketName"))).as("the bucket's name in template.yaml")
                .contains("${BucketNamePrefix}-${AWS::AccountId}-${AWS::Region}");
        assertThat(section).as("docs/deploy.md's way across to a new stack").contains("a new stack beside the old one")
                .contains("BucketNamePrefix");
    }

    /**
     * Found by review: docs/deploy.md splits older stacks at a date, "From stacks deployed before 2
     * December 2026 ... not an update in place" and "From stacks deployed on or after 2 December
     * 2026" (an update in place). The key schema changed at 04:21 UTC on 2 December (828879e); a
     * stack deployed from main earlier that day (c01fa9d, 03:46, keys InventoryTable by org and
     * id) reads itself into the second paragraph, and its update replaces InventoryTable and
     * PurchaseOrdersTable by new, empty ones: every update by id fails NOT_FOUND. The section must
     * give a way to tell the two kinds apart that does not depend on the hour of the deploy: the
     * inventory table's key schema, as `aws dynamodb describe-table` shows it.
     */
    @Test
    void upgradeFromAStackDeployedEarlyOn2December_sectionTellsTheKindOfStackByItsKeySchemaNotByTheDay() throws Exception {
        var section = olderStacksParagraph();

        assertThat(section).as("docs/deploy.md's test for a stack that cannot be updated in place")
                .contains("describe-table");
    }

    /**
     * Found by review: the way across from a stack of before 2 December 2026 is to "load each
     * org's catalog into it (a catalog file can carry the org's inventory and purchase orders)".
     * The old inventory table holds the On Order items of the open POs' lines as inventory like any
     * other; a catalog's inventory entry has no link to a PO line, so carried over as inventory they
     * become plain stock (AVAILABLE), while each seeded PO line gets On Order items of its own under
     * new ids (docs/catalog.md): every unit on order is then counted twice, and a serial a file gave
     * an On Order item sits on the plain copy. The section must say to leave the On Order items out
     * of the catalog's inventory (and that they come back under new ids).
     */
    @Test
    void upgradeFromAStackDeployedBeforeDecember_sectionSaysWhatBecomesOfTheOnOrderItems() throws Exception {
        var section = olderStacksParagraph();

        assertThat(section).as("docs/deploy.md's way across to a new stack").contains("On Order");
    }

    /**
     * Found by review: the installations index came on 2 December 2026 (93c0692) and the serial
     * claims' canonical part number on 4 December (a94e97f), so a stack deployed on 3 December has
     * the index and still needs {@code ./intake claim-serials} once per org. Since 5 December
     * docs/deploy.md gives that step as a bullet under "From stacks deployed on 2 December 2026
     * before the inventory table's `installations` index:", which such a stack is not: its
     * operator skips the section, and a serial of a part number with lower-case letters can then
     * be given to a second item (docs/dynamodb.md, SerialsTable). The step must not sit under a
     * heading that leaves those stacks out.
     */
    @Test
    void upgradeFromAStackDeployedOn3December_claimSerialsStepIsNotScopedToStacksWithoutTheInstallationsIndex()
            throws Exception {
        var deploy = Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var step = deploy.indexOf("From stacks deployed before 4 December 2026");
        assertThat(step).as("the claim-serials step of docs/deploy.md").isNotNegative();
        var scopeStart = deploy.lastIndexOf("\nFrom stacks deployed", step);
        var scope = scopeStart < 0 ? "" : deploy.substring(scopeStart + 1, deploy.indexOf('\n', scopeStart + 1));

        assertThat(scope).as("the paragraph the claim-serials step sits under").doesNotContain("installations");
    }

    /**
     * Found by review: the template accepts any LeaseSeconds up to 900, and docs/configuration.md
     * says "a longer lease delays that take-over". It does not delay it, it prevents it: a delivery
     * that dies without a word (out of memory, a crash) keeps its claim until the lease runs out,
     * Lambda's first retry comes a minute later, finds the lease live ("another delivery is at
     * work", docs/lifecycle.md), returns normally, and Lambda never retries again. A commit that
     * died halfway then stays half written, with no error, no alarm and nothing in the failure
     * queue. A lease of 60 seconds or more must not be accepted.
     */
    @Test
    @SuppressWarnings("unchecked")
    void leaseSecondsParameter_acceptsNoLeaseThatOutlivesLambdasFirstRetry() throws Exception {
        var parameters = (Map<String, Object>) CloudFormationYaml.load(TEMPLATE).get("Parameters");
        var lease = (Map<String, Object>) parameters.get("LeaseSeconds");
        var lambdasFirstRetrySeconds = 60;

        assertThat(Integer.parseInt(String.valueOf(lease.get("MaxValue"))))
                .as("LeaseSeconds' MaxValue (Lambda retries a failed asynchronous invocation after "
                        + lambdasFirstRetrySeconds + " s)")
                .isLessThan(lambdasFirstRetrySeconds);
    }

    /**
     * Found by review: docs/deploy.md says that on an update every parameter left out of
     * {@code aws cloudformation deploy --parameter-overrides} goes back to its default. The AWS CLI
     * sends {@code UsePreviousValue} for each one left out of an existing stack's update, so it
     * keeps the value it had (a stack deployed with SnapStart=false or UploaderOrg=acme stays so):
     * a team that leaves a parameter out to reset it gets the old value. Checked against the
     * installed AWS CLI's own code where it is installed.
     */
    @Test
    void deployWithoutSam_saysWhatAnUpdateDoesWithParametersLeftOut() throws Exception {
        Result probe;
        try {
            probe = run(List.of("python3", "-c", "from awscli.customizations.cloudformation.deploy import DeployCommand;"
                    + "print(DeployCommand.merge_parameters(None, {'Parameters': {'SnapStart': {}, 'AlarmEmail': {}}},"
                    + " {'AlarmEmail': 'ops@example.com'}))"));
        } catch (IOException noPython) { // a JDK is all ./test needs: skipped, as without cfn-lint (found by review)
            probe = new Result(-1, noPython.getMessage());
        }
        assumeTrue(probe.exit() == 0, "the AWS CLI (v1, Python) is not importable here: " + probe.output());
        assertThat(probe.output()).contains("'ParameterKey': 'SnapStart', 'UsePreviousValue': True");
        var deploy = Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var from = deploy.indexOf("Parameters not given keep");
        var sentence = deploy.substring(from, deploy.indexOf("update the stack later.", from)).replace('\n', ' ');

        assertThat(sentence).doesNotContain("go back to their defaults");
    }

    /**
     * Found by review (deploydoc, 7 Dec 2026): docs/deploy.md's "Tear down" empties the versioned
     * bucket with {@code delete-objects --delete "$(list-object-versions --max-items 1000 --query
     * '{Objects: DeleteMarkers[]...}')"}, "repeat until both lists are empty". The CLI's
     * {@code --max-items} counts only the paginator's first result key, {@code Versions}: once the
     * versions are gone (the first command, repeated, does that), every page has none, the CLI
     * never stops paging, and the second command sends every delete marker of the bucket in one
     * DeleteObjects, which S3 refuses above 1,000 keys (MalformedXML). A bucket whose uploaders
     * deleted more than 1,000 files then cannot be emptied by the documented commands. Run here as
     * written, against a loopback S3 stand-in holding 1,500 delete markers and no versions.
     */
    @Test
    void tearDown_emptyingTheBucketsDeleteMarkers_sendsAtMostAThousandKeysPerDeleteObjects() throws Exception {
        assumeAwsCli();
        var deploy = Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var tearDown = deploy.substring(deploy.indexOf("## Tear down"));
        var block = tearDown.substring(tearDown.indexOf("# Empty the versioned bucket"));
        block = block.substring(0, block.indexOf("```"));
        var command = java.util.Arrays.stream(block.replace("\\\n", " ").split("\n"))
                .filter(line -> line.contains("DeleteMarkers[]")).findFirst().orElseThrow();
        var markers = 1500;
        var deleteRequests = new java.util.concurrent.CopyOnWriteArrayList<Integer>();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var query = String.valueOf(exchange.getRequestURI().getRawQuery());
            String body;
            int status = 200;
            if ("POST".equals(exchange.getRequestMethod()) && query.startsWith("delete")) {
                var request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int objects = request.split("<Object>", -1).length - 1;
                deleteRequests.add(objects);
                status = objects > 1000 ? 400 : 200;
                body = objects > 1000
                        ? "<Error><Code>MalformedXML</Code><Message>The XML you provided was not well-formed</Message></Error>"
                        : "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></DeleteResult>";
            } else {
                var marker = java.util.regex.Pattern.compile("key-marker=k(\\d+)").matcher(query);
                int from = marker.find() ? Integer.parseInt(marker.group(1)) + 1 : 0;
                int to = Math.min(markers, from + 1000);
                var page = new StringBuilder("<ListVersionsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<Name>b</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>" + (to < markers) + "</IsTruncated>");
                if (to < markers) {
                    page.append("<NextKeyMarker>k%04d</NextKeyMarker><NextVersionIdMarker>v</NextVersionIdMarker>".formatted(to - 1));
                }
                for (int i = from; i < to; i++) {
                    page.append("<DeleteMarker><Key>k%04d</Key><VersionId>v%d</VersionId><IsLatest>true</IsLatest>".formatted(i, i)
                            + "<LastModified>2026-12-01T00:00:00.000Z</LastModified></DeleteMarker>");
                }
                body = page.append("</ListVersionsResult>").toString();
            }
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            var process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
            process.environment().putAll(Map.of("BUCKET", "intake-123456789012-eu-west-1",
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy", "AWS_REGION", "us-east-1",
                    "AWS_DEFAULT_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true"));
            var started = process.start();
            var output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            started.waitFor(2, TimeUnit.MINUTES);

            assertThat(deleteRequests).as("objects in each DeleteObjects the command sent; its output: " + output)
                    .isNotEmpty().allSatisfy(objects -> assertThat(objects).isLessThanOrEqualTo(1000));
        } finally {
            server.stop(0);
        }
    }

    private static void assumeAwsCli() {
        boolean installed;
        try {
            installed = run(List.of("aws", "--version")).exit() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
        assumeTrue(installed, "the AWS CLI is not installed: docs/deploy.md's commands are not run");
    }

    /**
     * Found by review "samevents" on 7 December 2026: docs/deploy.md's restore stops imports with {@code aws lambda
     * put-function-concurrency --reserved-concurrent-executions 0} and says the uploads' events
     * "wait in Lambda's queue (up to six hours, MaximumEventAgeInSeconds), then go to
     * FailedEventsQueue", and that turning imports back on delivers "the events that waited". Since
     * 30 August 2021 Lambda does not keep an asynchronous event for a function whose reserved
     * concurrency is zero: it sends it to the on-failure destination at once, without retries (AWS
     * notice of July 2021, "all events will be automatically sent to the configured DLQ or the
     * on-failure event destination immediately"). So every upload made during the restore is in
     * FailedEventsQueue when step 6 turns imports back on, and none is delivered by itself: an
     * operator following the section waits for imports that never come, and redrives only "those
     * that waited more than six hours". The section must say the events go to FailedEventsQueue
     * at once and are to be sent again from there, not that they wait in Lambda's queue.
     */
    @Test
    void restore_stoppingImportsWithReservedConcurrencyZero_doesNotPromiseTheEventsWaitInLambdasQueue() throws Exception {
        var deploy = Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var from = deploy.indexOf("## Restoring tables from point-in-time recovery");
        assertThat(from).as("the restore section of docs/deploy.md").isNotNegative();
        var section = deploy.substring(from, deploy.indexOf("\n## ", from + 3)).replaceAll("\\s+", " ");

        assertThat(section).as("docs/deploy.md's restore stops imports with a reserved concurrency of 0")
                .contains("--reserved-concurrent-executions 0");
        assertThat(section).as("with a reserved concurrency of 0 Lambda keeps no event: it sends each to the"
                        + " on-failure destination at once, so none waits in its queue or is delivered when imports resume")
                .doesNotContain("wait in Lambda's queue")
                .doesNotContain("the events that waited are delivered");
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** docs/deploy.md's paragraph on stacks from before 2 December 2026, on one line. */
    private static String olderStacksParagraph() throws IOException {
        var deploy = Files.readString(Emulators.ROOT.resolve("docs/deploy.md"));
        var from = deploy.indexOf("From stacks deployed before 2 December 2026");
        assertThat(from).as("the upgrade section of docs/deploy.md").isNotNegative();
        return deploy.substring(from, deploy.indexOf("\n\n", from)).replace('\n', ' ');
    }

    /** A DynamoDB metric as "MetricName Table[/Index]", the table by its logical id. */
    @SuppressWarnings("unchecked")
    private static String throttleMetric(Map<String, Object> metric) {
        var name = new StringBuilder(String.valueOf(metric.get("MetricName")));
        for (var dimension : (List<Map<String, Object>>) metric.getOrDefault("Dimensions", List.of())) {
            var value = dimension.get("Value");
            var text = value instanceof Map<?, ?> ref ? String.valueOf(ref.get("Ref")) : String.valueOf(value);
            name.append("TableName".equals(dimension.get("Name")) ? " " + text : "/" + text);
        }
        return name.toString();
    }

    /** The template as deployed with SnapStart=false: no SnapStart property, no condition for it. */
    static String withoutSnapStart(String template) {
        var lines = new ArrayList<>(template.lines().toList());
        int start = lines.indexOf("      SnapStart: !If");
        assertThat(start).as("the function's SnapStart: !If block").isNotNegative();
        assertThat(lines.get(start + 3)).isEqualTo("        - !Ref AWS::NoValue");
        lines.subList(start, start + 4).clear();
        assertThat(lines.remove("  SnapStartOn: !Equals [!Ref SnapStart, 'true']")).as("the SnapStartOn condition").isTrue();
        return String.join("\n", lines) + "\n";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> function() throws IOException {
        var resources = (Map<String, Object>) CloudFormationYaml.load(TEMPLATE).get("Resources");
        return (Map<String, Object>) ((Map<String, Object>) resources.get("IntakeFunction")).get("Properties");
    }

    private static List<String> strings(JsonNode node) {
        var values = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    private record Result(int exit, String output) {}

    private static void assumeCfnLint() {
        boolean installed;
        try {
            installed = run(List.of("cfn-lint", "--version")).exit() == 0;
        } catch (IOException | InterruptedException e) {
            installed = false;
        }
        assumeTrue(installed, "cfn-lint is not installed (pip install cfn-lint): the template is not linted");
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), output);
    }
}
