package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.IntakeHandler;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Found by review "own51c" (7 December 2026): a new PO number holding "?" in a file without a
 * byte order mark is compared with the stored numbers that begin as it does before its first "?",
 * read by a query of each of the org's 16 shards, and that was once for every such number of the
 * file. In an org whose numbers begin with a character Windows-1252 lacks ("ЗАК-0001"), a
 * plain-CSV save of new POs gives every one of them a number "???-…", whose prefix is empty: each
 * read every number item of the org (2,000 new POs in an org of 50,000: 100 million items).
 */
class PoNumberLostCharactersCostTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private static final String ORG = "cyrillic";
    private static final int STORED = 200;
    private static final int NEW = 40;

    @BeforeAll
    static void orgOfManyPos() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), ORG);
        var csv = new StringBuilder("po_number,supplier,currency,part_number,description,quantity,cost\n");
        for (int i = 1; i <= STORED; i++) {
            csv.append("ЗАК-%04d,Acme Metals,USD,CBL-330,Shielded cable,1,2\n".formatted(i));
        }
        var report = emulators.importFile(ORG + "/purchase-orders/orders.csv", csv.toString());
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void dryRun_newNumbersWithQuestionMarks_readTheOrgsNumbersAtMostOnce() {
        var numbersRead = new CopyOnWriteArrayList<String>();
        var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(),
                emulators.dynamoThrough(new NumberItemsRead(numbersRead), 3));
        var csv = new StringBuilder("po_number,supplier,currency,part_number,description,quantity,cost\n");
        csv.append("???-0007,Acme Metals,USD,CBL-330,Shielded cable,1,2\n"); // row 2: ЗАК-0007 saved as plain CSV
        for (int i = 1; i <= NEW; i++) {
            csv.append("???-%04d,Acme Metals,USD,CBL-330,Shielded cable,1,2\n".formatted(1000 + i));
        }
        var key = ORG + "/purchase-orders/validate/plain.csv";
        handler.handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, csv.toString()))),
                Emulators.context(Duration.ofMinutes(15)));
        JsonNode report = emulators.report(key);

        assertThat(StreamSupport.stream(report.get("errors").spliterator(), false)
                .map(e -> e.get("row").asInt() + " " + e.get("column").asText() + " " + e.get("code").asText()).toList())
                .as(report.toString()).containsExactly("2 po_number MALFORMED_CSV");
        assertThat(numbersRead).as("number items read for %d numbers with \"?\" in an org of %d POs", NEW + 1, STORED)
                .hasSizeLessThanOrEqualTo(STORED + NEW + 1);
    }

    /** The sort keys of the number items each Query hands back. */
    private record NumberItemsRead(List<String> keys) implements ExecutionInterceptor {
        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse response) {
                response.items().stream().map(item -> item.get("sk")).filter(Objects::nonNull).map(AttributeValue::s)
                        .filter(sk -> sk != null && sk.startsWith("number#")).forEach(keys::add);
            }
        }
    }
}
