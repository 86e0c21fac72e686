package dev.intake.bench.e2e;

import dev.intake.IntakeConfig;
import dev.intake.IntakeHandler;
import dev.intake.core.imports.ProgressListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * For {@link UndoBoundCheck}: one delivery of an S3 event (fixed sequencer, so a second run is a redelivery
 * of the same upload) through the real handler, with a fault on TransactWriteItems: {@code none}, {@code refuse:K} (the (K+1)-th is refused with a 400
 * ValidationException, as FaultInjectionTest's REFUSED), {@code crash:K} (the process halts before
 * the (K+1)-th is sent, as Lambda's process dying). Prints
 * {@code RESULT status=… errors=… peakHeapMb=…} or {@code RESULT status=THREW:<class>}.
 *
 * <p>Arguments: S3 endpoint, DynamoDB endpoint, bucket, key, eTag, size, sequencer, fault, then
 * the function's environment as NAME=value. The faults count the transactions that touch the table
 * of the key's importer (the purchase orders table for a Purchase Orders file).
 */
public final class UndoBoundRun {

    private UndoBoundRun() {}

    public static void main(String[] args) throws Exception {
        var upload = IntakeRun.Upload.of(args);
        var sequencer = args[6];
        var fault = args[7];
        var environment = IntakeRun.environment(args, 8);
        var faultTable = environment.get(upload.key().contains("/purchase-orders/") ? "PURCHASE_ORDERS_TABLE" : "INVENTORY_TABLE");
        var transacts = new AtomicInteger();
        var interceptor = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (fault.equals("none") || !(context.request() instanceof TransactWriteItemsRequest request)
                        || request.transactItems().stream().noneMatch(item -> item.toString().contains(faultTable))) {
                    return;
                }
                int passing = Integer.parseInt(fault.substring(fault.indexOf(':') + 1));
                int n = transacts.incrementAndGet();
                if (n == passing + 1) {
                    System.err.println("FAULT " + fault + " at TransactWriteItems #" + n);
                    if (fault.startsWith("crash:")) {
                        System.out.println("RESULT status=CRASHED transactsBefore=" + passing);
                        System.out.flush();
                        Runtime.getRuntime().halt(137);
                    }
                    throw (DynamoDbException) DynamoDbException.builder().statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                                    .errorMessage("injected ValidationException").serviceName("DynamoDb").build())
                            .message("injected ValidationException").build();
                }
            }
        };
        var s3 = IntakeRun.s3(upload.s3Endpoint());
        var dynamo = IntakeRun.dynamo(upload.dynamoEndpoint(), interceptor);
        var handler = new IntakeHandler(IntakeConfig.from(environment), s3, dynamo, ProgressListener.NONE);
        System.err.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        try (var heap = new HeapWatch(0)) {
            long start = System.nanoTime();
            List<String> written;
            try {
                written = handler.handleRequest(IntakeRun.event(upload.bucket(), upload.key(), upload.eTag(), upload.size(), sequencer), null);
            } catch (Throwable t) {
                System.err.println("THREW after " + (System.nanoTime() - start) / 1_000_000 + " ms:");
                t.printStackTrace();
                System.out.printf("RESULT status=THREW:%s peakHeapMb=%.1f%n", rootClass(t), heap.peakMegabytes());
                System.out.flush();
                Runtime.getRuntime().halt(3);
                return;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            var report = s3.getObjectAsBytes(b -> b.bucket(upload.bucket()).key(written.getFirst())).asUtf8String();
            int codeAt = report.indexOf("\"code\":\"");
            var code = codeAt < 0 ? "-" : report.substring(codeAt + 8, report.indexOf('"', codeAt + 8));
            System.out.printf("RESULT status=%s firstError=%s millis=%d peakHeapMb=%.1f%n", IntakeRun.field(report, "status"), code,
                    millis, heap.peakMegabytes());
            System.err.println(report.length() > 2000 ? report.substring(0, 2000) : report);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static String rootClass(Throwable t) {
        var names = new StringBuilder(t.getClass().getSimpleName());
        for (var cause = t.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            names.append("<-").append(cause.getClass().getSimpleName());
        }
        return names.toString();
    }
}
