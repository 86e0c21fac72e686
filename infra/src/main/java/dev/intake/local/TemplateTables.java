package dev.intake.local;

import dev.intake.IntakeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * The DynamoDB tables of template.yaml, as CreateTableRequests for local use. A table's name is
 * the one the function would use: the template maps each table to an environment variable of the
 * function ({@code INVENTORY_TABLE: !Ref InventoryTable}), and {@link IntakeConfig} names that
 * variable's table, so the handler and the local tables always agree.
 */
public final class TemplateTables {

    private static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    private final Path template;
    private final Map<String, Map<String, Object>> propertiesByLogicalId;
    private final Map<String, String> envVarByLogicalId;

    private TemplateTables(Path template, Map<String, Map<String, Object>> propertiesByLogicalId,
                           Map<String, String> envVarByLogicalId) {
        this.template = template;
        this.propertiesByLogicalId = propertiesByLogicalId;
        this.envVarByLogicalId = envVarByLogicalId;
    }

    public static TemplateTables read(Path template) throws IOException {
        var root = CloudFormationYaml.load(template);
        var resources = map(root.get("Resources"), "Resources");
        var tables = new LinkedHashMap<String, Map<String, Object>>();
        resources.forEach((id, resource) -> {
            var body = map(resource, "Resources." + id);
            if (TABLE_TYPE.equals(body.get("Type"))) {
                tables.put(id, map(body.get("Properties"), id + ".Properties"));
            }
        });
        var envVars = new LinkedHashMap<String, String>();
        functionVariables(root, resources).forEach((name, value) -> {
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String target && tables.containsKey(target)) {
                envVars.put(target, name);
            }
        });
        return new TemplateTables(template, tables, envVars);
    }

    /** The function's environment variables that name a table of the template. */
    public List<String> tableVariables() {
        return List.copyOf(envVarByLogicalId.values());
    }

    /** Logical id → local table name, for the tables the function is told about. */
    public Map<String, String> tableNames(Map<String, String> env) {
        var names = new LinkedHashMap<String, String>();
        // A table no function variable names is one the handler cannot reach: it is not created.
        envVarByLogicalId.forEach((id, variable) -> names.put(id, localName(variable, env)));
        return names;
    }

    /** One request per table the function uses, always on-demand (local emulators ignore capacity). */
    public List<CreateTableRequest> createTableRequests(Map<String, String> env) {
        var requests = new ArrayList<CreateTableRequest>();
        tableNames(env).forEach((id, name) -> requests.add(request(id, name, propertiesByLogicalId.get(id))));
        return requests;
    }

    private CreateTableRequest request(String id, String name, Map<String, Object> properties) {
        var builder = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(list(properties.get("AttributeDefinitions"), id + ".AttributeDefinitions").stream()
                        .map(entry -> {
                            var at = id + ".AttributeDefinitions";
                            var definition = map(entry, at);
                            return AttributeDefinition.builder()
                                    .attributeName(text(definition, "AttributeName", at))
                                    .attributeType(text(definition, "AttributeType", at))
                                    .build();
                        })
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema"), id + ".KeySchema"));
        var global = properties.get("GlobalSecondaryIndexes");
        if (global != null) {
            builder.globalSecondaryIndexes(list(global, id + ".GlobalSecondaryIndexes").stream().map(entry -> {
                var index = map(entry, id + ".GlobalSecondaryIndexes");
                var at = id + ".GlobalSecondaryIndexes." + index.get("IndexName");
                return GlobalSecondaryIndex.builder()
                        .indexName(text(index, "IndexName", at))
                        .keySchema(keySchema(index.get("KeySchema"), at + ".KeySchema"))
                        .projection(projection(index.get("Projection"), at + ".Projection"))
                        .build();
            }).toList());
        }
        var local = properties.get("LocalSecondaryIndexes");
        if (local != null) {
            builder.localSecondaryIndexes(list(local, id + ".LocalSecondaryIndexes").stream().map(entry -> {
                var index = map(entry, id + ".LocalSecondaryIndexes");
                var at = id + ".LocalSecondaryIndexes." + index.get("IndexName");
                return LocalSecondaryIndex.builder()
                        .indexName(text(index, "IndexName", at))
                        .keySchema(keySchema(index.get("KeySchema"), at + ".KeySchema"))
                        .projection(projection(index.get("Projection"), at + ".Projection"))
                        .build();
            }).toList());
        }
        return builder.build();
    }

    private List<KeySchemaElement> keySchema(Object value, String at) {
        return list(value, at).stream().map(entry -> {
            var element = map(entry, at);
            return KeySchemaElement.builder()
                    .attributeName(text(element, "AttributeName", at))
                    .keyType(text(element, "KeyType", at))
                    .build();
        }).toList();
    }

    private Projection projection(Object value, String at) {
        var projection = map(value, at);
        var builder = Projection.builder().projectionType(text(projection, "ProjectionType", at));
        var nonKey = projection.get("NonKeyAttributes");
        if (nonKey != null) {
            builder.nonKeyAttributes(list(nonKey, at + ".NonKeyAttributes").stream().map(a -> plain(a, at)).toList());
        }
        return builder.build();
    }

    /** Environment variables of every function, SAM's Globals first so a function's own win. */
    private static Map<String, Object> functionVariables(Map<String, Object> root, Map<String, Object> resources) {
        var variables = new LinkedHashMap<String, Object>();
        if (root.get("Globals") instanceof Map<?, ?> globals && globals.get("Function") instanceof Map<?, ?> function) {
            variables.putAll(variablesOf(function));
        }
        resources.values().forEach(resource -> {
            if (resource instanceof Map<?, ?> body
                    && ("AWS::Serverless::Function".equals(body.get("Type")) || "AWS::Lambda::Function".equals(body.get("Type")))
                    && body.get("Properties") instanceof Map<?, ?> properties) {
                variables.putAll(variablesOf(properties));
            }
        });
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variablesOf(Map<?, ?> properties) {
        if (properties.get("Environment") instanceof Map<?, ?> environment
                && environment.get("Variables") instanceof Map<?, ?> variables) {
            return (Map<String, Object>) variables;
        }
        return Map.of();
    }

    /** The function's own defaults (IntakeConfig) for the variables it knows; others must be set. */
    private String localName(String variable, Map<String, String> env) {
        var clean = Env.withoutBlanks(env);
        var config = IntakeConfig.from(clean);
        return switch (variable) {
            case IntakeConfig.INVENTORY_TABLE -> config.inventoryTable();
            case IntakeConfig.CATALOG_TABLE -> config.catalogTable();
            case IntakeConfig.IMPORTS_TABLE -> config.importsTable();
            case IntakeConfig.PURCHASE_ORDERS_TABLE -> config.purchaseOrdersTable();
            case IntakeConfig.SERIALS_TABLE -> config.serialsTable();
            default -> {
                var value = clean.get(variable);
                if (value == null) {
                    throw new IllegalStateException(template + ": the function reads its table name from " + variable
                            + ", which IntakeConfig does not know; set " + variable + " to name the local table");
                }
                yield value;
            }
        };
    }

    private String text(Map<String, Object> map, String key, String at) {
        return plain(map.get(key), at + "." + key);
    }

    /** Local tables are built from literal values: an intrinsic function here cannot be resolved. */
    private String plain(Object value, String at) {
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        throw new IllegalStateException(template + ": " + at + " must be a literal value"
                + (value == null ? ", but it is missing" : ", not " + value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String at) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException("template: " + at + " must be a mapping");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String at) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalStateException("template: " + at + " must be a list");
    }
}
