package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventsTest {

    private static final Instant TIME = Instant.parse("2026-11-03T14:05:12.481Z");

    @Test
    void putEventJson_keyWithSpaceAndUnicode_roundTripsThroughTheRuntimeSerializer() {
        var key = "acme/part-inventory/Zählung März 2026 (Halle 2).csv";
        var json = S3Events.putEventJson(new S3Events.Upload("us-east-1", "intake-local", key, 1034,
                "\"e2b54333882071d86c732c5a73eee555\"", null, "0069A4B8C0D1E2F301", TIME));

        var event = S3Events.load(json);

        var record = event.getRecords().getFirst();
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getS3().getObject().getKey())
                .isEqualTo("acme/part-inventory/Z%C3%A4hlung+M%C3%A4rz+2026+%28Halle+2%29.csv");
        assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo(key);
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(1034L);
        assertThat(record.getS3().getObject().geteTag()).isEqualTo("e2b54333882071d86c732c5a73eee555");
        assertThat(record.getS3().getObject().getSequencer()).isEqualTo("0069A4B8C0D1E2F301");
        assertThat(record.getS3().getBucket().getName()).isEqualTo("intake-local");
        assertThat(record.getEventTime().getMillis()).isEqualTo(TIME.toEpochMilli());
    }

    @Test
    void putEventJson_anyUpload_hasTheShapeSamGeneratesWithS3sEventVersion() throws Exception {
        var json = S3Events.putEventJson(new S3Events.Upload("eu-west-1", "bucket-1", "acme/part-inventory/a.csv", 7,
                "abc", "v0000000000000002", "00000000000000000A", TIME));

        var record = new ObjectMapper().readTree(json).get("Records").get(0);
        assertThat(record.get("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.get("awsRegion").asText()).isEqualTo("eu-west-1");
        assertThat(record.get("eventTime").asText()).isEqualTo("2026-11-03T14:05:12.481Z");
        assertThat(record.get("userIdentity").get("principalId").asText()).isEqualTo("EXAMPLE");
        assertThat(record.get("requestParameters").get("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(record.get("responseElements").has("x-amz-request-id")).isTrue();
        var s3 = record.get("s3");
        assertThat(s3.get("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3.get("configurationId").asText()).isEqualTo("testConfigRule");
        assertThat(s3.get("bucket").get("arn").asText()).isEqualTo("arn:aws:s3:::bucket-1");
        assertThat(s3.get("object").get("versionId").asText()).isEqualTo("v0000000000000002");
        assertThat(s3.get("object").fieldNames()).toIterable()
                .containsExactly("key", "size", "eTag", "versionId", "sequencer");
    }

    @Test
    void putEventJson_uploadOnAWholeSecond_writesTheMillisecondsAsS3Does() throws Exception {
        var onTheSecond = Instant.parse("2026-11-03T14:05:12Z");
        var json = S3Events.putEventJson(new S3Events.Upload("us-east-1", "intake-local", "acme/part-inventory/a.csv", 7,
                "abc", null, "00000000000000000A", onTheSecond));

        var record = new ObjectMapper().readTree(json).get("Records").get(0);
        assertThat(record.get("eventTime").asText()).isEqualTo("2026-11-03T14:05:12.000Z");
        assertThat(S3Events.load(json).getRecords().getFirst().getEventTime().getMillis()).isEqualTo(onTheSecond.toEpochMilli());
    }

    @Test
    void load_projectEventFile_decodesItsKeyLikeTheRuntime() throws Exception {
        try (InputStream json = Files.newInputStream(Path.of("..", "events", "globex-part-inventory-isolation-check.json"))) {
            var event = S3Events.load(json);

            var object = event.getRecords().getFirst().getS3().getObject();
            assertThat(object.getKey()).isEqualTo("globex/part-inventory/isolation+check.csv");
            assertThat(object.getUrlDecodedKey()).isEqualTo("globex/part-inventory/isolation check.csv");
        }
    }

    /**
     * The runtime's serializer turns an absent versionId (an unversioned bucket) into "", not null:
     * code that tells versioned from unversioned uploads must treat blank as absent.
     */
    @Test
    void load_eventWithoutVersionId_givesAnEmptyVersionIdNotNull() {
        var json = S3Events.putEventJson(new S3Events.Upload("us-east-1", "intake-local", "acme/part-inventory/a.csv", 1,
                "abc", null, "0000000000000000A1", TIME));

        assertThat(json).doesNotContain("versionId");
        assertThat(S3Events.load(json).getRecords().getFirst().getS3().getObject().getVersionId()).isEmpty();
    }

    @Test
    void encodeKey_slashesAndReservedCharacters_keepsFoldersAndEncodesTheRest() {
        assertThat(S3Events.encodeKey("a b/c+d/e:f.csv")).isEqualTo("a+b/c%2Bd/e%3Af.csv");
    }
}
