package dev.intake.bench.http;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The benchmark's tables: a string key {@code pk}, on demand. DynamoDB Local makes them ACTIVE at once. */
final class BenchTables {

    private BenchTables() {}

    static void create(DynamoDbClient admin, String table) {
        admin.createTable(create -> create.tableName(table)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    static void delete(DynamoDbClient admin, String table) {
        admin.deleteTable(delete -> delete.tableName(table));
    }
}
