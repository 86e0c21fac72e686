package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A record whose key is not valid URL encoding (S3 encodes every key it sends; a hand-written
 * event, as events/README.md has users write, may not) is logged as an error naming it, and the
 * event's other records are imported. It used to throw out of the handler before any log line:
 * the records after it were never imported, on any retry (found by review on 4 December 2026).
 */
class UndecodableKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV = "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n";

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @BeforeEach
    void catalog() throws Exception {
        emulators.resetWithAcmeCatalog();
    }

    @Test
    void deliver_undecodableKeyBeforeAGoodOne_logsItAndImportsTheOther() throws Exception {
        var good = emulators.put("acme/part-inventory/good.csv", CSV);
        var event = (ObjectNode) JSON.readTree(S3Events.putEventJson(good));
        var bad = JSON.readTree(S3Events.putEventJson(good)).get("Records").get(0).deepCopy();
        ((ObjectNode) bad.get("s3").get("object")).put("key", "acme/part-inventory/100%zz.csv");
        ((ArrayNode) event.get("Records")).insert(0, bad);
        var log = new ByteArrayOutputStream();

        var reports = emulators.handler.handleRequest(S3Events.load(event.toString()),
                new LocalContext("us-east-1", Duration.ofMinutes(15), Clock.systemUTC(), new PrintStream(log, true)));

        assertThat(reports).containsExactly("acme/part-inventory/good.csv.report.json");
        assertThat(emulators.report("acme/part-inventory/good.csv").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.toString()).contains("\"level\":\"ERROR\"", "its key in the event cannot be decoded",
                "acme/part-inventory/100%zz.csv", "% as %25");
    }
}
