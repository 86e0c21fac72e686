package dev.intake.local;

import java.util.Map;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

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

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (on && context.request() instanceof GetItemRequest get && "#status".equals(get.projectionExpression())) {
            return GetItemResponse.builder().item(Map.of("status", AttributeValue.fromS("SUCCEEDED"))).build();
        }
        return context.response();
    }
}
