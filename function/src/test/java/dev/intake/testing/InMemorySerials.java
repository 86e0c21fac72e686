package dev.intake.testing;

import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.SerialRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link SerialRegistry} held in maps: each org's serial claims (part number and serial to the
 * holding record's id) and the import that took each. {@link InMemoryCommitStore} writes it.
 */
public final class InMemorySerials implements SerialRegistry {

    /** A claim: the holder, and the import that took it (null when seeded). */
    record Claim(long id, String importId) {}

    private final Map<String, Map<SerialKey, Claim>> byOrg = new HashMap<>();

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
    public synchronized Map<SerialKey, Long> holders(String org, Collection<SerialKey> keys) {
        var holders = new HashMap<SerialKey, Long>();
        keys.forEach(key -> {
            var claim = org(org).get(key);
            if (claim != null) {
                holders.put(key, claim.id());
            }
        });
        return holders;
    }

    synchronized Claim get(String org, SerialKey key) {
        return org(org).get(key);
    }

    synchronized void put(String org, SerialKey key, Claim claim) {
        org(org).put(key, claim);
    }

    synchronized void remove(String org, SerialKey key) {
        org(org).remove(key);
    }

    private Map<SerialKey, Claim> org(String org) {
        return byOrg.computeIfAbsent(org, o -> new HashMap<>());
    }
}
