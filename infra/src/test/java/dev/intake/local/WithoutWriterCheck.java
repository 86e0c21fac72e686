package dev.intake.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;

/**
 * While on, makes the handlers behind it Intakes from before the check on unfinished writers (3 December 2026), which built on
 * whatever they read: every import whose status they ask about (the last writer of an item they
 * read) looks finished. Such an Intake can run beside a newer one while a deploy rolls out, and
 * what it writes on another import's unfinished work must still be undone right: the tests of
 * those defences turn this on ({@link Emulators#withoutWriterCheck}; docs/lifecycle.md, "Two
 * files at once").
 */
final class WithoutWriterCheck implements ExecutionInterceptor {

    private volatile boolean on;

    void turn(boolean on) {
        this.on = on;
    }

    /** The check reads the statuses of the writers it asks about, and nothing else reads them alone. */
    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (on && context.request() instanceof BatchGetItemRequest request && asksStatuses(request)
                && context.response() instanceof BatchGetItemResponse response) {
            var ended = new HashMap<String, List<Map<String, AttributeValue>>>();
            response.responses().forEach((table, items) -> ended.put(table, items.stream().map(item -> {
                var copy = new HashMap<>(item);
                copy.put("status", AttributeValue.fromS("SUCCEEDED"));
                return (Map<String, AttributeValue>) copy;
            }).toList()));
            return response.toBuilder().responses(ended).build();
        }
        return context.response();
    }

    private static boolean asksStatuses(BatchGetItemRequest request) {
        return request.requestItems().values().stream().anyMatch(asked -> asked.projectionExpression() != null
                && asked.expressionAttributeNames().containsValue("status"));
    }
}
