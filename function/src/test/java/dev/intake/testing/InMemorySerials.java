package dev.intake.testing;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.GivenUpSerial;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.SerialRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link SerialRegistry} held in maps: each org's serial claims (part number and serial to the
 * holding record's id) and the import that took each, and, as DynamoDB's registry keeps them, the
 * traces of serials a commit gave up (the import that gave each up; a claim replaces its trace).
 * {@link InMemoryCommitStore} writes it.
 */
public final class InMemorySerials implements SerialRegistry {

    /** A claim: the holder, and the import that took it (null when seeded). */
    record Claim(long id, String importId) {}

    private final Map<String, Map<SerialKey, Claim>> byOrg = new HashMap<>();
    private final Map<String, Map<SerialKey, String>> givenUpByOrg = new HashMap<>();

    /** Claims the serials of stored records, as loading a catalog does. */
    public InMemorySerials seed(String org, InventoryRecord... records) {
        for (var record : records) {
            if (record.serialNumber() != null) {
                org(org).put(new SerialKey(record.part().partNumber(), record.serialNumber()), new Claim(record.id(), null));
            }
        }
        return this;
    }

    /** The org's claims: serial key to holder id. */
    public synchronized Map<SerialKey, Long> claims(String org) {
        var claims = new HashMap<SerialKey, Long>();
        org(org).forEach((key, claim) -> claims.put(key, claim.id()));
        return claims;
    }

    @Override
    public synchronized Lookup lookUp(String org, Collection<SerialKey> keys) {
        var holders = new HashMap<SerialKey, Stamped<SerialClaim>>();
        var givenUp = new ArrayList<Stamped<GivenUpSerial>>();
        keys.stream().distinct().forEach(key -> {
            var claim = org(org).get(key);
            var releaser = givenUp(org).get(key);
            if (claim != null) {
                holders.put(key, new Stamped<>(new SerialClaim(key, claim.id()), new TestStamp(0, claim.importId())));
            } else if (releaser != null) {
                givenUp.add(new Stamped<>(new GivenUpSerial(key), new TestStamp(0, releaser)));
            }
        });
        return new Lookup(holders, givenUp);
    }

    /** A commit's release: the claim goes, and leaves the trace of {@code importId}. */
    synchronized void giveUp(String org, SerialKey key, String importId) {
        org(org).remove(key);
        givenUp(org).put(key, importId);
    }

    /** Whether neither a claim nor a trace is kept for {@code key}. */
    synchronized boolean absent(String org, SerialKey key) {
        return !org(org).containsKey(key) && !givenUp(org).containsKey(key);
    }

    synchronized Claim get(String org, SerialKey key) {
        return org(org).get(key);
    }

    synchronized void put(String org, SerialKey key, Claim claim) {
        org(org).put(key, claim);
        givenUp(org).remove(key);
    }

    synchronized void remove(String org, SerialKey key) {
        org(org).remove(key);
    }

    private Map<SerialKey, Claim> org(String org) {
        return byOrg.computeIfAbsent(org, o -> new HashMap<>());
    }

    private Map<SerialKey, String> givenUp(String org) {
        return givenUpByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }
}
