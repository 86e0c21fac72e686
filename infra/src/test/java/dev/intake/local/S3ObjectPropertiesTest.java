package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Review "s3objects" (7 December 2026): objects as uploaders' tools make them, with properties
 * the happy path never sets (Content-Encoding, Content-Type, parts, zero bytes, folder
 * placeholders, odd names, an overwrite on an unversioned bucket), through the real handler.
 */
class S3ObjectPropertiesTest {

    private static final String CSV = "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n";

    private static final Sequencer SEQUENCER = new Sequencer(null, java.time.Clock.systemUTC());

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    /** Once: each test has keys of its own, and asserts what its file changed. */
    @BeforeAll
    static void catalog() throws Exception {
        emulators.resetWithAcmeCatalog();
    }

    /** {@code aws s3 cp x.csv.gz s3://.../x.csv --content-encoding gzip}: the SDK does not decompress. */
    @Test
    void deliver_gzippedBodyWithContentEncodingGzip_failsFileLevelSayingItIsCompressed() throws Exception {
        var key = "acme/part-inventory/gzipped.csv";
        var zipped = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(zipped)) {
            gzip.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        var bytes = zipped.toByteArray();
        var response = emulators.aws.s3().putObject(b -> b.bucket(emulators.aws.bucket()).key(key)
                .contentEncoding("gzip").contentType("text/csv"), RequestBody.fromBytes(bytes));
        var tables = emulators.dataTables();

        assertThat(emulators.deliver(upload(key, bytes.length, response.eTag(), response.versionId())))
                .containsExactly(key + ".report.json");

        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - MALFORMED_CSV");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("gzip-compressed", "upload the CSV uncompressed");
        assertThat(emulators.dataTables()).isEqualTo(tables);
    }

    /** Content-Type {@code text/csv; charset=utf-16} with a UTF-16 body: the type is not trusted, the bytes are read. */
    @Test
    void deliver_utf16BodyLabelledUtf16_failsFileLevelSayingUtf16() {
        var key = "acme/part-inventory/unicode-text.csv";
        var bytes = ("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_16LE);
        var response = emulators.aws.s3().putObject(b -> b.bucket(emulators.aws.bucket()).key(key)
                .contentType("text/csv; charset=utf-16"), RequestBody.fromBytes(bytes));

        emulators.deliver(upload(key, bytes.length, response.eTag(), response.versionId()));

        var report = emulators.report(key);
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - MALFORMED_CSV");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("UTF-16");
    }

    @Test
    void deliver_zeroByteObject_failsWithEmptyFile() {
        var key = "acme/part-inventory/nothing.csv";
        var upload = emulators.put(key, new byte[0]);

        emulators.deliver(upload);

        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - EMPTY_FILE");
    }

    /** The console's "Create folder": a zero-byte key ending in "/", inside the layout. */
    @Test
    void deliver_folderPlaceholder_isIgnored() {
        var tables = emulators.dataTables();
        for (var key : new String[] {"acme/part-inventory/", "acme/part-inventory/validate/", "acme/part-inventory/old.csv/"}) {
            assertThat(emulators.deliver(emulators.put(key, new byte[0]))).as(key).isEmpty();
        }
        assertThat(emulators.dataTables()).isEqualTo(tables);
    }

    /** Two parts: 5 MiB (a row, then blank lines), as S3 asks of every part but the last, and one more row. */
    private static S3Events.Upload multipart(String key) {
        var first = new StringBuilder("part_number,quantity,location\nFST-M3-10,5,Stockroom A\n");
        while (first.length() < 5 * 1024 * 1024 + 10) {
            first.append("\n".repeat(1024));
        }
        var parts = new String[] {first.toString(), "FST-M3-10,7,Stockroom A\n"};
        var s3 = emulators.aws.s3();
        var bucket = emulators.aws.bucket();
        var uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("text/csv")).uploadId();
        var completed = new ArrayList<CompletedPart>();
        long size = 0;
        for (int i = 0; i < parts.length; i++) {
            int number = i + 1;
            var bytes = parts[i].getBytes(StandardCharsets.UTF_8);
            size += bytes.length;
            var etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(bytes)).eTag();
            completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));
        return upload(key, size, done.eTag(), done.versionId());
    }

    /** An unversioned bucket's event (no versionId): a new PUT of the key before the read fails the first with FILE_UNAVAILABLE. */
    @Test
    void deliver_unversionedUploadReplacedBeforeTheRead_failsFileUnavailableAndTheNewerImports() {
        var key = "acme/part-inventory/replaced.csv";
        var older = emulators.put(key, CSV);
        var newer = emulators.put(key, "part_number,quantity,location\nFST-M3-10,9,Stockroom A\n");
        var tables = emulators.dataTables();

        emulators.deliver(upload(key, older.size(), older.eTag(), null));

        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - FILE_UNAVAILABLE");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("replaced by a newer upload");
        assertThat(emulators.dataTables()).isEqualTo(tables);

        emulators.deliver(upload(key, newer.size(), newer.eTag(), null));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /** The source object is left as uploaded (bytes, type, metadata); the report is JSON beside it. */
    @Test
    void deliver_anyUpload_leavesTheSourceObjectAsUploaded() {
        var key = "acme/part-inventory/kept.csv";
        var bytes = CSV.getBytes(StandardCharsets.UTF_8);
        var s3 = emulators.aws.s3();
        var bucket = emulators.aws.bucket();
        var response = s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv")
                .metadata(java.util.Map.of("uploaded-by", "alice")), RequestBody.fromBytes(bytes));

        emulators.deliver(upload(key, bytes.length, response.eTag(), response.versionId()));

        var head = s3.headObject(b -> b.bucket(bucket).key(key));
        assertThat(head.versionId()).isEqualTo(response.versionId());
        assertThat(head.eTag()).isEqualTo(response.eTag());
        assertThat(head.metadata()).containsEntry("uploaded-by", "alice");
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key + ".report.json")).contentType()).startsWith("application/json");
    }

    /**
     * An unversioned bucket's upload (If-Match on its eTag) replaced by a new PUT after validation,
     * before the commit's read: FILE_UNAVAILABLE, whatever was written undone (docs/lifecycle.md,
     * "The file goes away").
     */
    @Test
    void deliver_unversionedUploadReplacedBetweenValidationAndCommit_failsFileUnavailableWritingNothing() {
        var key = "acme/part-inventory/replaced-mid-import.csv";
        var csv = new StringBuilder("part_number,quantity,location\n");
        for (int i = 0; i < 50; i++) {
            csv.append("FST-M3-10,").append(i + 1).append(",Stockroom A\n");
        }
        var older = emulators.put(key, csv.toString());
        var inventory = emulators.inventory("acme");
        var reads = new java.util.concurrent.atomic.AtomicInteger();
        var replacing = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetObjectRequest get && get.key().equals(key) && reads.incrementAndGet() == 3) {
                    emulators.put(key, "part_number,quantity,location\nFST-M3-10,9,Stockroom A\n");
                }
            }
        };
        var handler = new dev.intake.IntakeHandler(emulators.aws.config(), emulators.s3Through(replacing),
                emulators.functionDynamo());

        var reports = handler.handleRequest(S3Events.load(S3Events.putEventJson(upload(key, older.size(), older.eTag(), null))),
                Emulators.context(java.time.Duration.ofMinutes(15)));

        assertThat(reads.get()).isGreaterThanOrEqualTo(3);
        assertThat(reports).containsExactly(key + ".report.json");
        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - FILE_UNAVAILABLE");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("replaced by a newer upload");
        assertThat(emulators.inventory("acme")).as("its writes undone (a block of ids may stay taken)").isEqualTo(inventory);
    }

    /** An unversioned bucket's event (no versionId) for a file deleted before the read: FILE_UNAVAILABLE, nothing written. */
    @Test
    void deliver_unversionedUploadDeletedBeforeTheRead_failsFileUnavailable() {
        var key = "acme/part-inventory/deleted-unversioned.csv";
        var upload = emulators.put(key, CSV);
        emulators.aws.s3().deleteObject(b -> b.bucket(emulators.aws.bucket()).key(key));
        var inventory = emulators.inventory("acme");

        assertThat(emulators.deliver(upload(key, upload.size(), upload.eTag(), null))).containsExactly(key + ".report.json");

        var report = emulators.report(key);
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - FILE_UNAVAILABLE");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("deleted before Intake could read it");
        assertThat(emulators.inventory("acme")).isEqualTo(inventory);
    }

    /**
     * Review "s3objects" (7 December 2026): the report of a file uploaded straight into S3 Glacier
     * says "(a restore, or a copy of it onto its key, does not import it)". A file uploaded in parts
     * (the AWS CLI does from 8 MB) gets another eTag when the copy that AWS documents for changing
     * its storage class back follows the restore; while restored, the archived version reads, so
     * the two are compared byte by byte and the copy is taken for the upload again, as the report
     * said. (The review's version kept the archived version unreadable after the restore, where the
     * copy was imported; S3 copies no archived version that is not restored.)
     */
    @Test
    void deliver_restoredThenCopiedArchivedMultipartUpload_isNotImported() throws Exception {
        var key = "acme/part-inventory/archived-parted.csv";
        var archived = multipart(key);
        var restored = new java.util.concurrent.atomic.AtomicBoolean();
        var refusing = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (!restored.get() && context.request() instanceof GetObjectRequest get && get.key().equals(key)
                        && archived.versionId().equals(get.versionId())) {
                    var message = "The operation is not valid for the object's storage class";
                    throw software.amazon.awssdk.services.s3.model.S3Exception.builder().statusCode(403).message(message)
                            .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                                    .errorCode("InvalidObjectState").serviceName("S3").errorMessage(message).build())
                            .build();
                }
            }
        };
        var handler = new dev.intake.IntakeHandler(emulators.aws.config(), emulators.s3Through(refusing),
                emulators.functionDynamo());
        handler.handleRequest(S3Events.load(S3Events.putEventJson(archived)), Emulators.context(java.time.Duration.ofMinutes(15)));
        var failed = emulators.text(key + ".report.json").orElseThrow();
        assertThat(S3EventDeliveryTest.errorList(emulators.report(key))).containsExactly("- - FILE_UNAVAILABLE");
        assertThat(failed).contains("a restore, or a copy of it onto its key, does not import it");
        var tables = emulators.dataTables();

        restored.set(true);
        var s3 = emulators.aws.s3();
        var bucket = emulators.aws.bucket();
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).sourceVersionId(archived.versionId())
                .destinationBucket(bucket).destinationKey(key).metadataDirective("REPLACE").contentType("text/csv"));
        var head = s3.headObject(b -> b.bucket(bucket).key(key));
        assertThat(head.eTag()).as("the copy's eTag, of one part").isNotEqualTo(archived.eTag());
        var event = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(S3Events.putEventJson(upload(key, head.contentLength(), head.eTag(), head.versionId())));
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("Records").get(0)).put("eventName", "ObjectCreated:Copy");

        assertThat(handler.handleRequest(S3Events.load(event.toString()), Emulators.context(java.time.Duration.ofMinutes(15))))
                .as("no report: the copy is the upload again").isEmpty();
        assertThat(emulators.dataTables()).isEqualTo(tables);
        assertThat(emulators.text(key + ".report.json")).contains(failed);
    }

    private static S3Events.Upload upload(String key, long size, String eTag, String versionId) {
        return new S3Events.Upload(emulators.aws.region(), emulators.aws.bucket(), key, size, eTag, versionId,
                SEQUENCER.next(), java.time.Instant.now());
    }
}
