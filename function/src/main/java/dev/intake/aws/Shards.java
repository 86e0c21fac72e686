package dev.intake.aws;

/**
 * Write sharding of an org's items. DynamoDB serves at most 1,000 write units a second per
 * partition, and every item under one partition key shares a partition as long as its sort keys
 * grow in order (as new ids do), so an org whose items all sat under the key {@code <org>} could
 * never import faster than that, whatever the table's capacity. Spreading them over {@link #COUNT}
 * keys lifts the cap to COUNT times that; reading an org's items whole (dump, export) costs COUNT
 * queries. Changing COUNT moves every item: it is part of the table format (docs/dynamodb.md).
 */
public final class Shards {

    public static final int COUNT = 16;

    /**
     * Items a page of a shard's query holds. An export merges one page of every shard at once
     * (OrgScans, in the CLI's module): at DynamoDB's default (1 MB a page) the sixteen first pages
     * of an org of 60,000 items were the whole org, and an export of it needed a 256 MB heap
     * (measured on 4 December 2026).
     */
    static final int PAGE_ITEMS = 250;

    private Shards() {}

    /** The partition key of an item numbered {@code n} (an inventory id, a PO id). */
    public static String of(String org, long n) {
        return key(org, (int) Math.floorMod(n, (long) COUNT));
    }

    /** The partition key of an item named by text (a PO number). */
    public static String of(String org, String name) {
        return key(org, Math.floorMod(name.hashCode(), COUNT));
    }

    /** Every partition key of an org, for reading all its items. */
    public static java.util.List<String> all(String org) {
        return java.util.stream.IntStream.range(0, COUNT).mapToObj(shard -> key(org, shard)).toList();
    }

    private static String key(String org, int shard) {
        return org + "#" + (shard < 10 ? "0" : "") + shard;
    }
}
