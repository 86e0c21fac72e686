package dev.intake.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

    @Test
    void build_idsInAnyOrderWithRepeats_eachIdOnceAndFound() {
        var builder = new RecordIds.Builder();
        for (long id : new long[] {9, 3, 9, 1_000_000_000_000L, 3, 5}) {
            builder.add(id);
        }

        var ids = builder.build();

        assertThat(ids.size()).isEqualTo(4);
        assertThat(ids.boxed()).containsExactly(3L, 5L, 9L, 1_000_000_000_000L);
        assertThat(ids.contains(9)).isTrue();
        assertThat(ids.contains(4)).isFalse();
        var visited = new ArrayList<Long>();
        ids.forEach(visited::add);
        assertThat(visited).containsExactly(3L, 5L, 9L, 1_000_000_000_000L);
    }

    @Test
    void build_moreIdsThanTheFirstArrayHolds_keepsThemAll() {
        var builder = new RecordIds.Builder();
        for (long id = 1000; id > 0; id--) {
            builder.add(id);
        }

        var ids = builder.build();

        assertThat(ids.size()).isEqualTo(1000);
        assertThat(ids.contains(1)).isTrue();
        assertThat(ids.contains(1000)).isTrue();
        assertThat(ids.contains(1001)).isFalse();
    }

    @Test
    void of_noIds_isEmpty() {
        assertThat(RecordIds.of(List.of()).isEmpty()).isTrue();
        assertThat(new RecordIds.Builder().build()).isSameAs(RecordIds.NONE);
    }
}
