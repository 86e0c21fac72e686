package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.aws.DynamoImportLedger;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.imports.Claim;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.report.SourceObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/**
 * The undo journal on DynamoDB Local across a takeover of an import still RUNNING: the taker
 * journals afresh, and no item an earlier owner wrote, or writes late, is read as the taker's.
 * Journal items are numbered by an {@code ADD} on the import's item, then put: until 3 December
 * 2026 the takeover removed the count, numbers were handed out again from 1, and the earlier
 * owner's items under them were read as the taker's (found by review).
 */
class ImportLedgerJournalTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant AFTER_THE_LEASE = T0.plusSeconds(120);

    @Test
    void journal_earlierOwnersPutLandingAfterTheTakeover_notReadAsTheTakers() throws Exception {
        var ticket = ticket();
        var numbered = new CountDownLatch(1);
        var go = new CountDownLatch(1);
        var stallsItsPuts = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchWriteItemRequest) {
                    numbered.countDown();
                    await(go);
                }
            }
        };
        var earlier = new DynamoImportLedger(emulators.dynamoThrough(stallsItsPuts, 1), table());
        var taker = new DynamoImportLedger(emulators.aws.dynamo(), table());
        assertThat(earlier.claim(ticket, "earlier", T0, T0.plusSeconds(60))).isInstanceOf(Claim.Acquired.class);
        var lateAppend = CompletableFuture.runAsync(
                () -> earlier.appendJournal(ticket.importId(), "earlier", "org-1", entries("EARLIER-", 3)));
        await(numbered); // its items numbered, their put not sent

        assertThat(taker.claim(ticket, "taker", AFTER_THE_LEASE, AFTER_THE_LEASE.plusSeconds(60)))
                .isInstanceOf(Claim.Acquired.class);
        taker.appendJournal(ticket.importId(), "taker", "org-1", entries("TAKER-", 3));
        taker.markCommitting(ticket, "taker", "catalog");
        go.countDown();
        lateAppend.get(30, TimeUnit.SECONDS);

        assertThat(numbers(taker.journal(ticket.importId()))).containsExactly("TAKER-0", "TAKER-1", "TAKER-2");
    }

    /**
     * One owner at a time: the first attempt journals two items (150 entries) and dies before
     * COMMITTING; the taker journals one, marks COMMITTING, then dies between numbering its next
     * append and putting it. The resume must not read the first attempt's second item there.
     */
    @Test
    void journal_takersAppendNumberedButNeverPut_readsNothingOfTheEarlierAttempt() {
        var ticket = ticket();
        var crash = new ExecutionInterceptor() {
            volatile boolean armed;

            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (armed && context.request() instanceof BatchWriteItemRequest) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        var ledger = new DynamoImportLedger(emulators.dynamoThrough(crash, 1), table());
        ledger.claim(ticket, "first", T0, T0.plusSeconds(60));
        ledger.appendJournal(ticket.importId(), "first", "org-1", entries("FIRST-", 150));

        ledger.claim(ticket, "second", AFTER_THE_LEASE, AFTER_THE_LEASE.plusSeconds(60));
        ledger.appendJournal(ticket.importId(), "second", "org-1", entries("SECOND-", 50));
        ledger.markCommitting(ticket, "second", "catalog");
        crash.armed = true;
        assertThatThrownBy(() -> ledger.appendJournal(ticket.importId(), "second", "org-1", entries("AHEAD-", 1)))
                .hasMessage("simulated crash");

        assertThat(numbers(ledger.journal(ticket.importId()))).hasSize(50).allMatch(number -> number.startsWith("SECOND-"));
    }

    /**
     * A journal is packed and written some megabytes at a time, each part numbered after the last:
     * packed whole before any write, the journal of a file of updates of large records took two
     * thirds of what the records themselves held once more, and ran out of memory under the bound
     * that holds them (found by review on 6 December 2026). 500 entries of 100,000 random
     * letters pack to about 29 MB: two writes, read back whole and in order.
     */
    @Test
    void appendJournal_largerThanOneWrite_writtenInPartsAndReadBackInOrder() {
        var ticket = ticket();
        var numberings = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest update
                        && update.updateExpression().contains("ADD journalItems")) {
                    numberings.incrementAndGet();
                }
            }
        };
        var ledger = new DynamoImportLedger(emulators.dynamoThrough(counting, 1), table());
        ledger.claim(ticket, "owner", T0, T0.plusSeconds(600));
        var random = new java.util.Random(42);
        var entries = IntStream.range(0, 500).mapToObj(i -> {
            var number = new StringBuilder("PO-").append(i).append('-');
            while (number.length() < 100_000) {
                number.append((char) ('A' + random.nextInt(26)));
            }
            return new JournalEntry(Stamped.unstored(new NumberClaim(number.toString(), 1000 + i)), false);
        }).toList();

        ledger.appendJournal(ticket.importId(), "owner", "org-1", entries);

        assertThat(numberings).as("parts numbered").hasValue(2);
        assertThat(numbers(ledger.journal(ticket.importId()))).extracting(number -> number.substring(0, number.indexOf('-', 3)))
                .containsExactlyElementsOf(IntStream.range(0, 500).mapToObj(i -> "PO-" + i).toList());
    }

    /**
     * A journal is read back a hundred items at a time, each hundred unpacked before the next is
     * read: read whole, a journal near the bound on held records stayed in memory packed beside
     * every entry unpacked from it, and an undo or resume ran out of memory on every delivery
     * (found by review on 6 December 2026). 25,000 entries are 250 items: three reads, whole and in
     * order.
     */
    @Test
    void journal_ofMoreItemsThanOneRead_readAHundredItemsAtATime_wholeAndInOrder() {
        var ticket = ticket();
        var reads = new java.util.ArrayList<Integer>();
        var counting = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest get) {
                    reads.add(get.requestItems().values().iterator().next().keys().size());
                }
            }
        };
        var ledger = new DynamoImportLedger(emulators.dynamoThrough(counting, 1), table());
        ledger.claim(ticket, "owner", T0, T0.plusSeconds(600));
        ledger.appendJournal(ticket.importId(), "owner", "org-1", entries("E-", 25_000));

        var read = numbers(ledger.journal(ticket.importId()));

        assertThat(reads).containsExactly(100, 100, 50);
        assertThat(read).containsExactlyElementsOf(IntStream.range(0, 25_000).mapToObj(i -> "E-" + i).toList());
    }

    /**
     * Records read back from the journal share their repeated values (a location, attribute names),
     * as the held records do: read apart, they took half as much again, past what the bound on held
     * records leaves an undo (found by review on 6 December 2026).
     */
    @Test
    void journal_inventoryRecordsReadBack_shareTheirRepeatedValues() {
        var ticket = ticket();
        var ledger = new DynamoImportLedger(emulators.aws.dynamo(), table());
        ledger.claim(ticket, "owner", T0, T0.plusSeconds(600));
        var entries = IntStream.rangeClosed(1, 2).mapToObj(id -> new JournalEntry(Stamped.unstored(
                new dev.intake.core.inventory.InventoryRecord(id, new dev.intake.core.catalog.PartRef("FST-M3-10", "A"),
                        dev.intake.core.inventory.Tracking.NONE, dev.intake.core.inventory.Quantities.of(java.math.BigDecimal.TEN),
                        new dev.intake.core.inventory.Placement("Stockroom A", null, "each", null),
                        Map.of("Finish", new dev.intake.core.attributes.CustomValue.Text("matte " + id)),
                        new dev.intake.core.inventory.Assembly(null, List.of()), null)), true)).toList();
        ledger.appendJournal(ticket.importId(), "owner", "org-1", entries);

        var read = ledger.journal(ticket.importId()).stream().map(entry -> (dev.intake.core.inventory.InventoryRecord) entry.item()).toList();

        assertThat(read).hasSize(2);
        assertThat(read.get(1).location()).isEqualTo("Stockroom A").isSameAs(read.get(0).location());
        assertThat(read.get(1).attributes().keySet().iterator().next()).isSameAs(read.get(0).attributes().keySet().iterator().next());
    }

    /**
     * `./intake dump imports` gives an unfinished import the S3 event that finishes it, its key
     * URL-encoded as S3 sends it: the runbook's event built by hand from the key as stored named
     * another object where the key had a '+' (found by review on 6 December 2026).
     */
    @Test
    void dumpImports_unfinishedImport_carriesTheEventThatFinishesIt() throws Exception {
        var ledger = new DynamoImportLedger(emulators.aws.dynamo(), table());
        var org = "dump-" + UUID.randomUUID().toString().substring(0, 8);
        var stuck = ImportTicket.of(new SourceObject("intake-local", org + "/part-inventory/q4+stock take.csv", "v7", "etag7",
                "0055AA", 120), org, "part-inventory", ImportMode.COMMIT);
        ledger.claim(stuck, "crashed", T0, T0.plusSeconds(60));
        var out = new java.io.ByteArrayOutputStream();

        new Dump(emulators.aws, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8)).imports(org);

        var line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(line.get("status").asText()).isEqualTo("RUNNING");
        var record = S3Events.load(line.get("event").asText()).getRecords().getFirst();
        assertThat(record.getS3().getObject().getKey()).isEqualTo(org + "/part-inventory/q4%2Bstock+take.csv");
        assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo(org + "/part-inventory/q4+stock take.csv");
        assertThat(record.getS3().getObject().getVersionId()).isEqualTo("v7");
        assertThat(record.getS3().getObject().getSequencer()).isEqualTo("0055AA");
        assertThat(record.getS3().getBucket().getName()).isEqualTo("intake-local");
    }

    /**
     * The byOrg index lists an org's imports "in start order" (docs/report.md, docs/dynamodb.md:
     * "newest last"), sorted by the startedAt string. Instant.toString() writes as many fractional
     * digits as the instant needs (none, 3, 6 or 9; the function's clock has nanoseconds), so a
     * start at .123000000 was written ".123Z" and sorted after ".123000001Z", which began later
     * (found by review): every time is written with nine digits now.
     */
    @Test
    void byOrg_twoImportsStartedInOneMillisecond_listedInStartOrder() {
        var ledger = new DynamoImportLedger(emulators.aws.dynamo(), table());
        var org = "order-" + UUID.randomUUID().toString().substring(0, 8);
        var first = ImportTicket.of(new SourceObject("bucket", org + "/part-inventory/first.csv", "v1", "etag", "00", 10),
                org, "part-inventory", ImportMode.COMMIT);
        var second = ImportTicket.of(new SourceObject("bucket", org + "/part-inventory/second.csv", "v1", "etag", "00", 10),
                org, "part-inventory", ImportMode.COMMIT);
        var t1 = Instant.parse("2026-12-04T10:00:00.123Z");
        var t2 = t1.plusNanos(1);
        ledger.claim(first, "a", t1, t1.plusSeconds(60));
        ledger.claim(second, "b", t2, t2.plusSeconds(60));

        var keys = emulators.aws.dynamo().queryPaginator(b -> b.tableName(table()).indexName("byOrg")
                        .keyConditionExpression("org = :org")
                        .expressionAttributeValues(java.util.Map.of(":org",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(org))))
                .items().stream().map(item -> item.get("key").s() + " " + item.get("startedAt").s()).toList();

        assertThat(keys).as("newest last").containsExactly(
                org + "/part-inventory/first.csv 2026-12-04T10:00:00.123000000Z",
                org + "/part-inventory/second.csv 2026-12-04T10:00:00.123000001Z");
    }

    /**
     * Found by review (5 Dec 2026): journalSince was set by the first append after the upgrade
     * ({@code if_not_exists}), also on a claim whose journal was begun before it (no journalSince:
     * read as begun at startedAt). An import that began writing 25 days before, resumed once after
     * the upgrade (its resume appends more entries: journalSince becomes that day), is then undone
     * a week later: its first items, 32 days old, have expired, but journalSince says the journal
     * is 7 days old, and the undo reads what is left, the very gap lifecycle.md's "A journal that
     * expired" says is refused. Now a claim gets journalSince when it is made, never from an
     * append, so such a claim keeps reading as begun at startedAt.
     */
    @Test
    void journal_begunBeforeJournalSinceAndAppendedAfter_isRefusedOnceItsFirstItemsMayHaveExpired() {
        var ticket = ticket();
        var dynamo = emulators.aws.dynamo();
        var first = new DynamoImportLedger(dynamo, table());
        assertThat(first.claim(ticket, "first", T0, T0.plusSeconds(60))).isInstanceOf(Claim.Acquired.class);
        first.appendJournal(ticket.importId(), "first", "org-1", entries("FIRST-", 3));
        first.markCommitting(ticket, "first", "catalog");
        var key = java.util.Map.of("importId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(ticket.importId()));
        var now = Instant.now();
        // as an Intake from before 5 December 2026 wrote it, 25 days ago
        dynamo.updateItem(b -> b.tableName(table()).key(key).updateExpression("SET startedAt = :started REMOVE journalSince")
                .expressionAttributeValues(java.util.Map.of(":started", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS(now.minus(java.time.Duration.ofDays(25)).toString()))));

        var resumer = new DynamoImportLedger(dynamo, table()); // after the upgrade: the resume journals more
        assertThat(resumer.claim(ticket, "resumer", AFTER_THE_LEASE, AFTER_THE_LEASE.plusSeconds(60)))
                .isInstanceOf(Claim.Acquired.class);
        resumer.appendJournal(ticket.importId(), "resumer", "org-1", entries("RESUMER-", 3));

        // the append did not take the journal for one begun now (adapted: journalSince is set with a claim, not by an append)
        assertThat(dynamo.getItem(b -> b.tableName(table()).key(key).consistentRead(true)).item()).doesNotContainKey("journalSince");
        // a week later: the import began 32 days ago, its first journal item expired (TTL)
        dynamo.updateItem(b -> b.tableName(table()).key(key).updateExpression("SET startedAt = :started")
                .expressionAttributeValues(java.util.Map.of(":started", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS(now.minus(java.time.Duration.ofDays(32)).toString()))));
        dynamo.deleteItem(b -> b.tableName(table()).key(java.util.Map.of("importId",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(ticket.importId() + "/journal/1"))));

        assertThatThrownBy(() -> resumer.journal(ticket.importId())).as("a journal whose first item may have expired")
                .hasMessageContaining("cannot be finished or undone");
    }

    private static String table() {
        return emulators.aws.config().importsTable();
    }

    private static ImportTicket ticket() {
        return ImportTicket.of(new SourceObject("bucket", "org-1/purchase-orders/" + UUID.randomUUID() + ".csv",
                "v1", "etag", "00", 10), "org-1", "purchase-orders", ImportMode.COMMIT);
    }

    private static List<JournalEntry> entries(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> new JournalEntry(Stamped.unstored(new NumberClaim(prefix + i, 1000 + i)), false)).toList();
    }

    private static List<String> numbers(List<JournalEntry> journal) {
        return journal.stream().map(entry -> ((NumberClaim) entry.item()).poNumber()).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
