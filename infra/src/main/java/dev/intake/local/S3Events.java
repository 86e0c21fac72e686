package dev.intake.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * S3 ObjectCreated:Put notifications: built in the shape {@code sam local generate-event s3 put}
 * prints, and turned into {@link S3Event} by the same serializer the Lambda Java runtime uses.
 */
public final class S3Events {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** As S3 writes it, milliseconds always (Instant.toString() leaves them out on a whole second). */
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3Events() {}

    /** What S3 says about one uploaded object version; {@code versionId} is null on an unversioned bucket. */
    public record Upload(String region, String bucket, String key, long size, String eTag, String versionId,
                         String sequencer, Instant time) {}

    /** The event JSON for one upload; the key is URL-encoded as S3 sends it ({@code +} for a space). */
    public static String putEventJson(Upload upload) {
        var root = JSON.createObjectNode();
        var record = root.putArray("Records").addObject();
        // 2.1 is what S3 sends for ObjectCreated today (SAM's sample still says 2.0); the handler reads neither.
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", upload.region());
        record.put("eventTime", EVENT_TIME.format(upload.time()));
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "EXAMPLE");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        var response = record.putObject("responseElements");
        response.put("x-amz-request-id", "EXAMPLE123456789");
        response.put("x-amz-id-2", "EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH");
        var s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "testConfigRule");
        var bucket = s3.putObject("bucket");
        bucket.put("name", upload.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "EXAMPLE");
        bucket.put("arn", "arn:" + partition(upload.region()) + ":s3:::" + upload.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(upload.key()));
        object.put("size", upload.size());
        object.put("eTag", unquoted(upload.eTag()));
        if (upload.versionId() != null) {
            object.put("versionId", upload.versionId());
        }
        object.put("sequencer", upload.sequencer());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: a tree of strings always serializes", e);
        }
    }

    /** Parses event JSON exactly as the Lambda Java runtime does before it calls the handler. */
    public static S3Event load(InputStream json) {
        PojoSerializer<S3Event> serializer = LambdaEventSerializers.serializerFor(S3Event.class, S3Events.class.getClassLoader());
        return serializer.fromJson(json);
    }

    public static S3Event load(String json) {
        return load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * S3 form-encodes keys in notifications: {@code +} for a space, {@code %XX} for the rest, but
     * the slashes between folders stay as they are.
     */
    static String encodeKey(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    /** S3 API responses quote ETags; notifications do not. */
    static String unquoted(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }

    private static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }
}
