package dev.intake.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never leaves the JVM: it reads each request the SDK marshalled and signed,
 * and answers as an empty but successful S3, DynamoDB or EventBridge would. What priming runs the
 * handler against, so that every class a real import needs is loaded before the snapshot.
 */
final class CannedHttpClient implements SdkHttpClient {

    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVENTS_ACCEPTED =
            "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"primed\"}]}".getBytes(StandardCharsets.UTF_8);

    private final byte[] objectBody;

    /** {@code objectBody}: what every S3 GetObject returns. */
    CannedHttpClient(byte[] objectBody) {
        this.objectBody = objectBody.clone();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    // Reading the body runs what a real send would: streaming, checksums, chunk signing.
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
                var body = answer(request);
                var response = SdkHttpResponse.builder().statusCode(200)
                        .putHeader("Content-Length", String.valueOf(body.length)).build();
                return HttpExecuteResponse.builder().response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    private byte[] answer(HttpExecuteRequest request) {
        var http = request.httpRequest();
        var target = http.firstMatchingHeader("X-Amz-Target").orElse("");
        if (target.startsWith("AWSEvents.")) {
            return EVENTS_ACCEPTED;
        }
        if (target.startsWith("DynamoDB_")) {
            return EMPTY_JSON;
        }
        return http.method() == SdkHttpMethod.GET ? objectBody : new byte[0];
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String clientName() {
        return "Canned";
    }
}
