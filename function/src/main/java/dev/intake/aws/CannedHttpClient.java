package dev.intake.aws;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    private static final String QUERY = "DynamoDB_20120810.Query";

    private final Map<String, byte[]> objects;
    private final Map<String, byte[]> queryAnswers;

    /**
     * {@code objects}: by key, what an S3 GetObject of it returns (else an empty body);
     * {@code queryAnswers}: by table name, what a DynamoDB Query of that table returns (else
     * nothing found).
     */
    CannedHttpClient(Map<String, byte[]> objects, Map<String, byte[]> queryAnswers) {
        this.objects = Map.copyOf(objects);
        this.queryAnswers = Map.copyOf(queryAnswers);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                var sent = new ByteArrayOutputStream();
                if (request.contentStreamProvider().isPresent()) {
                    // Reading the body runs what a real send would: streaming, checksums, chunk signing.
                    try (InputStream body = request.contentStreamProvider().get().newStream()) {
                        body.transferTo(sent);
                    }
                }
                var body = answer(request, sent.toString(StandardCharsets.UTF_8));
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

    private byte[] answer(HttpExecuteRequest request, String sent) {
        var http = request.httpRequest();
        var target = http.firstMatchingHeader("X-Amz-Target").orElse("");
        if (target.startsWith("AWSEvents.")) {
            return EVENTS_ACCEPTED;
        }
        if (target.equals(QUERY)) {
            return queryAnswers.entrySet().stream().filter(table -> sent.contains("\"TableName\":\"" + table.getKey() + "\""))
                    .map(Map.Entry::getValue).findFirst().orElse(EMPTY_JSON);
        }
        if (target.startsWith("DynamoDB_")) {
            return EMPTY_JSON;
        }
        if (http.method() != SdkHttpMethod.GET) {
            return new byte[0];
        }
        // the key ends the path, virtual-host or path style alike
        return objects.entrySet().stream().filter(object -> http.encodedPath().endsWith("/" + object.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(new byte[0]);
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
