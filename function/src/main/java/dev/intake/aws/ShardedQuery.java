package dev.intake.aws;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads an org's items from all its shards ({@link Shards}) as one stream in key order: each
 * shard's query comes back sorted, and a merge keeps them so without holding them all.
 */
final class ShardedQuery {

    /**
     * Items a page of each shard's query holds. The merge holds one page of every shard at once:
     * at DynamoDB's default (1 MB a page) the sixteen first pages of an org of 60,000 items were
     * the whole org, and an export of it needed a 256 MB heap (measured on 4 December 2026).
     */
    static final int PAGE_ITEMS = 250;

    private ShardedQuery() {}

    /**
     * Merges one sorted stream per shard ({@code query} of a partition key, in pages of
     * {@link #PAGE_ITEMS}) by {@code order}.
     */
    static Stream<Map<String, AttributeValue>> merged(String org, Function<String, Stream<Map<String, AttributeValue>>> query,
                                                       Comparator<Map<String, AttributeValue>> order) {
        var heads = new PriorityQueue<Head>((a, b) -> order.compare(a.item, b.item));
        for (var shard : Shards.all(org)) {
            var items = query.apply(shard).iterator();
            if (items.hasNext()) {
                heads.add(new Head(items.next(), items));
            }
        }
        Iterator<Map<String, AttributeValue>> merged = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Map<String, AttributeValue> next() {
                var head = heads.poll();
                if (head.rest.hasNext()) {
                    heads.add(new Head(head.rest.next(), head.rest));
                }
                return head.item;
            }
        };
        return StreamSupport.stream(((Iterable<Map<String, AttributeValue>>) () -> merged).spliterator(), false);
    }

    private record Head(Map<String, AttributeValue> item, Iterator<Map<String, AttributeValue>> rest) {}
}
