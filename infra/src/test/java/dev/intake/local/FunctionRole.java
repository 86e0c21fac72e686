package dev.intake.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the deployed function's role may do, read from template.yaml: the inline policies of the
 * function and its permissions boundary, evaluated as IAM does for one action on one resource
 * (an explicit Deny wins, else some Allow must match, in the policies and in the boundary alike).
 * Resources are named as the emulators name them: a table by its local name, the stack's bucket by
 * the name its {@code BucketName} gives; the account is a made-up one.
 *
 * <p>Only what the template uses is understood: inline statements with Action or NotAction and
 * Resource, no Condition; {@code !Sub}, {@code !GetAtt X.Arn}, {@code !Ref}, {@code !Join}. Anything
 * else fails loudly, so that a template change the check cannot follow is noticed, not ignored.
 */
final class FunctionRole {

    static final String ACCOUNT = "123456789012";
    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";

    private final String region;
    private final Map<String, Object> resources;
    private final Map<String, Object> parameters;
    private final Map<String, String> parameterValues;
    private final Map<String, String> tableNames;
    private final List<Statement> policies;
    private final List<Statement> boundary;

    private FunctionRole(Map<String, Object> template, String region, Map<String, String> parameterValues,
                         Map<String, String> tableNames) {
        this.region = region;
        this.resources = map(template.get("Resources"), "Resources");
        this.parameters = template.get("Parameters") == null ? Map.of() : map(template.get("Parameters"), "Parameters");
        this.parameterValues = parameterValues;
        this.tableNames = tableNames;
        var function = properties(functionId());
        this.policies = new ArrayList<>();
        for (var policy : list(function.get("Policies"), "the function's Policies")) {
            policies.addAll(statements(policy, "a policy of the function"));
        }
        this.boundary = function.get("PermissionsBoundary") instanceof Map<?, ?> ref && ref.get("Ref") instanceof String id
                ? statements(properties(id).get("PolicyDocument"), id) : null;
    }

    /**
     * The role of template.yaml's function, its tables named as {@link TemplateTables#tableNames}
     * names them locally; {@code parameters} overrides the template's parameter defaults.
     */
    static FunctionRole of(Path template, String region, Map<String, String> tableNames, Map<String, String> parameters)
            throws IOException {
        return new FunctionRole(CloudFormationYaml.load(template), region, parameters, tableNames);
    }

    /** Whether the role may do {@code action} ({@code service:Operation}) on {@code resource} (an ARN). */
    boolean allows(String action, String resource) {
        return allowedBy(policies, action, resource) && (boundary == null || allowedBy(boundary, action, resource));
    }

    /** The name the stack gives its bucket ({@code IntakeBucket}'s BucketName), as the policies name it. */
    String stackBucketName() {
        for (var id : resources.keySet()) {
            var resource = map(resources.get(id), id);
            if ("AWS::S3::Bucket".equals(resource.get("Type"))) {
                return resolve(properties(id).get("BucketName"));
            }
        }
        throw new IllegalStateException("template.yaml declares no bucket");
    }

    String tableArn(String tableName) {
        return tableName.startsWith("arn:") ? tableName
                : "arn:aws:dynamodb:" + region + ":" + ACCOUNT + ":table/" + tableName;
    }

    String busArn(String busName) {
        return busName.startsWith("arn:") ? busName : "arn:aws:events:" + region + ":" + ACCOUNT + ":event-bus/" + busName;
    }

    private static boolean allowedBy(List<Statement> statements, String action, String resource) {
        if (statements.stream().anyMatch(s -> !s.allow() && s.matches(action, resource))) {
            return false;
        }
        return statements.stream().anyMatch(s -> s.allow() && s.matches(action, resource));
    }

    private String functionId() {
        var ids = resources.keySet().stream().filter(id -> FUNCTION_TYPE.equals(map(resources.get(id), id).get("Type"))).toList();
        if (ids.size() != 1) {
            throw new IllegalStateException("expected one " + FUNCTION_TYPE + " in template.yaml, found " + ids);
        }
        return ids.getFirst();
    }

    private Map<String, Object> properties(String id) {
        return map(map(resources.get(id), id).get("Properties"), id + ".Properties");
    }

    private List<Statement> statements(Object document, String where) {
        if (!(document instanceof Map<?, ?>)) {
            throw new IllegalStateException(where + " is not an inline policy document (SAM policy templates and managed"
                    + " policies are not understood here): " + document);
        }
        var statements = new ArrayList<Statement>();
        for (var raw : list(map(document, where).get("Statement"), where + ".Statement")) {
            var statement = map(raw, where + ".Statement");
            var sid = String.valueOf(statement.get("Sid"));
            if (statement.containsKey("Condition") || statement.containsKey("NotResource")) {
                throw new IllegalStateException(where + " " + sid + ": Condition and NotResource are not understood here");
            }
            var negated = statement.containsKey("NotAction");
            var actions = strings(statement.get(negated ? "NotAction" : "Action"));
            var resourcePatterns = strings(statement.get("Resource")).stream().map(FunctionRole::glob).toList();
            statements.add(new Statement("Allow".equals(statement.get("Effect")), negated,
                    actions.stream().map(a -> glob(a.toLowerCase(Locale.ROOT))).toList(), resourcePatterns));
        }
        return statements;
    }

    private List<String> strings(Object value) {
        if (value instanceof List<?> values) {
            return values.stream().map(this::resolve).toList();
        }
        return List.of(resolve(value));
    }

    /** A value of the template as a string: intrinsic functions evaluated as CloudFormation would. */
    private String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        var function = map(value, "an intrinsic function");
        if (function.get("Fn::Sub") instanceof String text) {
            return substitute(text);
        }
        if (function.get("Fn::GetAtt") instanceof List<?> att && att.size() == 2 && "Arn".equals(att.get(1))) {
            return arnOf((String) att.getFirst());
        }
        if (function.get("Ref") instanceof String name) {
            return reference(name);
        }
        if (function.get("Fn::Join") instanceof List<?> join && join.size() == 2) {
            return String.join((String) join.getFirst(), list(join.get(1), "Fn::Join").stream().map(this::resolve).toList());
        }
        throw new IllegalStateException("not understood here: " + value);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    private String substitute(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            var name = matcher.group(1);
            var value = name.endsWith(".Arn") ? arnOf(name.substring(0, name.length() - ".Arn".length())) : reference(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }

    private String reference(String name) {
        return switch (name) {
            case "AWS::Partition" -> "aws";
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::StackName" -> "intake";
            default -> {
                if (parameterValues.containsKey(name)) {
                    yield parameterValues.get(name);
                }
                if (parameters.get(name) instanceof Map<?, ?> parameter && parameter.get("Default") != null) {
                    yield String.valueOf(parameter.get("Default"));
                }
                if (tableNames.containsKey(name)) {
                    yield tableNames.get(name);
                }
                throw new IllegalStateException("no value for ${" + name + "} here");
            }
        };
    }

    private String arnOf(String id) {
        if (tableNames.containsKey(id)) {
            return tableArn(tableNames.get(id));
        }
        var type = map(resources.get(id), id).get("Type");
        if ("AWS::Logs::LogGroup".equals(type)) {
            return "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + id + ":*";
        }
        throw new IllegalStateException("no ARN known here for " + id + " (" + type + ")");
    }

    /** An IAM pattern ({@code *} any run of characters, {@code ?} one) as a regular expression. */
    private static Pattern glob(String pattern) {
        var regex = new StringBuilder();
        for (var c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException(where + " is not a mapping: " + value);
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalStateException(where + " is not a list: " + value);
    }

    private record Statement(boolean allow, boolean notAction, List<Pattern> actions, List<Pattern> resources) {
        boolean matches(String action, String resource) {
            var named = actions.stream().anyMatch(p -> p.matcher(action.toLowerCase(Locale.ROOT)).matches());
            return named != notAction && resources.stream().anyMatch(p -> p.matcher(resource).matches());
        }
    }
}
