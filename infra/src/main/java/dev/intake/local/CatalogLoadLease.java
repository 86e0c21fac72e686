package dev.intake.local;

import dev.intake.aws.CatalogItems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * One catalog load of an org at a time. A load checks the file against the catalog it read, then
 * writes what changes, with no condition: two loads at once each passed their checks on what the
 * other was changing, and together left what neither would have (the default terms retyped to a
 * quality clause, two new revisions of a part with one place in its order; found by review on 6
 * December 2026). The lease is an item of the catalog table ({@code load#lease}, which a catalog
 * read skips), put on the condition that no load holds it, renewed while the load runs, and given
 * back when it ends. A load that died holds the org until its lease runs out ({@link #LEASE}).
 */
final class CatalogLoadLease implements AutoCloseable {

    /** How long a lease holds unless renewed: what a load that died keeps the next one waiting. */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** Renewed this often: a third of the lease, so a renewal late by one more still holds it. */
    private static final Duration RENEW_EVERY = LEASE.dividedBy(3);
    static final String SORT_KEY = CatalogItems.LOAD_LEASE;

    private final DynamoDbClient dynamo;
    private final String table;
    private final String org;
    private final String holder;
    private final Clock clock;
    private final String source;
    /** This load's count on {@link CatalogItems#LOAD_RETYPES} once it has marked itself retyping; 0: not marked. */
    private volatile long retypeCount;
    /** Whether its catalog writes began: from then on its count stays. */
    private volatile boolean writing;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "intake-catalog-lease");
        thread.setDaemon(true);
        return thread;
    });

    private CatalogLoadLease(DynamoDbClient dynamo, String table, String org, String holder, String source, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.org = org;
        this.holder = holder;
        this.source = source;
        this.clock = clock;
        renewals.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Moves the lease on; a renewal that fails (DynamoDB unreachable for a moment) is tried at the next. */
    private void renew() {
        try {
            long until = clock.instant().plus(LEASE).toEpochMilli();
            dynamo.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET leaseUntil = :until").conditionExpression("holder = :me")
                    .expressionAttributeValues(Map.of(":until", n(until), ":me", s(holder))));
            if (retypeCount > 0) {
                setRetypingUntil(until);
            }
        } catch (RuntimeException missed) {
            // taken over after running out (the load stalled past it), or DynamoDB unreachable
        }
    }

    /**
     * Counts this load among the org's retyping loads and marks it under way until its lease runs
     * out, before it looks for unfinished imports: an import that read the catalog before this
     * mark and commits after it is refused ({@code CatalogRetypes}); one that committed before
     * it was claimed before the look, and is found there.
     */
    void markRetyping() {
        long until = clock.instant().plus(LEASE).toEpochMilli();
        var counted = dynamo.updateItem(b -> b.tableName(table).key(retypesKey())
                .updateExpression("ADD begun :one SET #until = :until, holder = :me, #source = :source")
                .expressionAttributeNames(Map.of("#until", "until", "#source", "source"))
                .expressionAttributeValues(Map.of(":one", n(1), ":until", n(until), ":me", s(holder), ":source", s(source)))
                .returnValues(ReturnValue.UPDATED_NEW));
        retypeCount = Long.parseLong(counted.attributes().get("begun").n());
    }

    /** The load's catalog writes begin: what it retypes may be written from here, and its count stays. */
    void retypesWriting() {
        writing = true;
    }

    /**
     * Takes this load's count back and ends its mark, for a load that stopped before its catalog
     * writes (refused, or failed): imports validated beside it read nothing it changed, and need
     * not be refused. Conditional on the count being this load's, so a retry of a lost answer
     * does not take back another's.
     */
    void takeBackRetypeUnlessWritten() {
        long count = retypeCount;
        if (count == 0 || writing) {
            return;
        }
        retypeCount = 0;
        stopRenewals();
        try {
            dynamo.updateItem(b -> b.tableName(table).key(retypesKey())
                    .updateExpression("SET begun = :before, #until = :ended").conditionExpression("holder = :me AND begun = :count")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":before", n(count - 1), ":ended", n(0), ":me", s(holder), ":count", n(count))));
        } catch (SdkException notOursOrUnreachable) {
            // the count stays and the mark runs out with the lease: imports beside it are refused, never wrong
        }
    }

    /** Stops renewing, and waits for a renewal under way: a late one would move the ended mark on again. */
    private void stopRenewals() {
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves this load's retype mark to {@code until} (0: ended), if the mark is still this load's. */
    private void setRetypingUntil(long until) {
        dynamo.updateItem(b -> b.tableName(table).key(retypesKey())
                .updateExpression("SET #until = :until").conditionExpression("holder = :me")
                .expressionAttributeNames(Map.of("#until", "until"))
                .expressionAttributeValues(Map.of(":until", n(until), ":me", s(holder))));
    }

    private Map<String, AttributeValue> retypesKey() {
        return Map.of("org", s(org), "sk", s(CatalogItems.LOAD_RETYPES));
    }

    private Map<String, AttributeValue> key() {
        return Map.of("org", s(org), "sk", s(SORT_KEY));
    }

    /** Takes the org's lease, or says which load holds it and until when. */
    static CatalogLoadLease take(DynamoDbClient dynamo, String table, String org, String source, Clock clock)
            throws CatalogException {
        var holder = UUID.randomUUID().toString();
        var now = clock.instant();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("org", s(org), "sk", s(SORT_KEY), "holder", s(holder), "source", s(source),
                            "startedAt", s(now.toString()), "leaseUntil", n(now.plus(LEASE).toEpochMilli())))
                    .conditionExpression("attribute_not_exists(sk) OR leaseUntil < :now")
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException held) {
            var other = held.hasItem() ? held.item() : Map.<String, AttributeValue>of();
            throw new CatalogException("another catalog load of org " + org + " is running (" + text(other, "source")
                    + ", started " + text(other, "startedAt") + "): two at once could each pass its checks on what the"
                    + " other changes. Load this file once it has finished (a load that stopped holds the org until "
                    + (other.containsKey("leaseUntil") ? Instant.ofEpochMilli(Long.parseLong(other.get("leaseUntil").n())) : "?")
                    + ")");
        }
        var lease = new CatalogLoadLease(dynamo, table, org, holder, source, clock);
        lease.endAMarkLeftBehind();
        return lease;
    }

    /**
     * Ends the retype mark of a load that died (killed, or its machine gone) before ending it:
     * this load holds the org, so no other runs, and imports of the org need not wait the mark out
     * (found by review "own45b" on 6 December 2026: they were refused until it ran out, told it
     * was running).
     */
    private void endAMarkLeftBehind() {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(retypesKey())
                    .updateExpression("SET #until = :ended").conditionExpression("#until > :ended AND holder <> :me")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":ended", n(0), ":me", s(holder))));
        } catch (ConditionalCheckFailedException none) {
            // no mark, or an ended one: the usual case
        }
    }

    /** Gives the lease back, if it is still this load's. */
    @Override
    public void close() {
        stopRenewals();
        try {
            if (retypeCount > 0) {
                setRetypingUntil(0);
            }
        } catch (SdkException notOursOrUnreachable) {
            // another load's mark now, or DynamoDB unreachable: the mark runs out with the lease
        }
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(key())
                    .conditionExpression("holder = :me").expressionAttributeValues(Map.of(":me", s(holder))));
        } catch (ConditionalCheckFailedException runOut) {
            // held past its lease, and another load took it: nothing of this one's to give back
        } catch (SdkException unreachable) {
            // DynamoDB unreachable: the lease runs out on its own, a minute on
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? "?" : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
