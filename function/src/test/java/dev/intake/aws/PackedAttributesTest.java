package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PackedAttributesTest {

    @Test
    void unpack_givesBackEveryKindOfValue() {
        var entry = AttributeValue.fromM(Map.of(
                "existed", AttributeValue.fromBool(true),
                "item", AttributeValue.fromM(Map.of(
                        "shard", AttributeValue.fromS("acme#03"),
                        "id", AttributeValue.fromN("1003"),
                        "quantity", AttributeValue.fromN("2.50"),
                        "note", AttributeValue.fromS("Grüße, 東京, \uD83D\uDE80"),
                        "empty", AttributeValue.fromS(""),
                        "attributes", AttributeValue.fromM(Map.of("Inspected", AttributeValue.fromBool(false),
                                "Due", AttributeValue.fromM(Map.of("date", AttributeValue.fromS("2026-12-15"))))),
                        "abom", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                                "partNumber", AttributeValue.fromS("BOLT-M3"), "installed", AttributeValue.fromNul(true))))),
                        "labels", AttributeValue.fromSs(List.of("urgent", "rush")),
                        "lines", AttributeValue.fromNs(List.of("1", "2")),
                        "raw", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes"))))));

        var values = List.of(entry, AttributeValue.fromL(List.of()), AttributeValue.fromM(Map.of()));

        assertThat(PackedAttributes.unpack(PackedAttributes.pack(values))).isEqualTo(values);
    }

    @Test
    void pack_aHundredBeforeStates_takesAFractionOfTheirSize() {
        var entries = new ArrayList<AttributeValue>();
        for (int i = 0; i < 100; i++) {
            entries.add(AttributeValue.fromM(Map.of("existed", AttributeValue.fromBool(true), "item", AttributeValue.fromM(Map.of(
                    "shard", AttributeValue.fromS("acme#" + (i % 16)), "id", AttributeValue.fromN(Integer.toString(1000 + i)),
                    "partNumber", AttributeValue.fromS("FST-M3-10"), "revision", AttributeValue.fromS("A"),
                    "quantity", AttributeValue.fromN(Integer.toString(i)), "location", AttributeValue.fromS("Stockroom A"),
                    "supplier", AttributeValue.fromS("Pacific Fasteners"), "status", AttributeValue.fromS("AVAILABLE"),
                    "importId", AttributeValue.fromS("4ec69b7793eac4ca28f5fc89fcce3f2c"), "version", AttributeValue.fromN("1"))))));
        }
        int plainBytes = entries.toString().length(); // a lower bound of the nested form's size

        int packedBytes = PackedAttributes.pack(entries).b().asByteArrayUnsafe().length;

        assertThat(packedBytes).isLessThan(plainBytes / 5);
        assertThat(PackedAttributes.unpack(PackedAttributes.pack(entries))).isEqualTo(entries);
    }

    @Test
    void journalEntries_readPackedItems_andTheListsOfJournalsWrittenBeforePacking() {
        var entries = List.of(AttributeValue.fromM(Map.of("existed", AttributeValue.fromBool(false))));

        var packed = Map.of("importId", AttributeValue.fromS("abc/journal/1"),
                DynamoImportLedger.PACKED_ENTRIES, PackedAttributes.pack(entries));
        var legacy = Map.of("importId", AttributeValue.fromS("abc/journal/1"), "entries", AttributeValue.fromL(entries));

        assertThat(DynamoImportLedger.entries(packed)).isEqualTo(entries);
        assertThat(DynamoImportLedger.entries(legacy)).isEqualTo(entries);
    }

    @Test
    void unpack_somethingElse_failsClearly() {
        var notPacked = AttributeValue.fromB(SdkBytes.fromUtf8String("not deflated"));

        assertThatThrownBy(() -> PackedAttributes.unpack(notPacked))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("packed value");
    }
}
