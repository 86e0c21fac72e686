package dev.intake.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A serial's part number is one key for every spelling the catalog takes for one part number
 * (its lower case, NameIndex.key), and for no other: docs/dynamodb.md, SerialsTable.
 */
class SerialKeyTest {

    @Test
    void partNumber_spellingsTheCatalogMatchesAsOne_oneKey() {
        assertThat(new SerialKey("Widget-A", "S-1")).isEqualTo(new SerialKey("WIDGET-A", "S-1"));
        assertThat(new SerialKey("TEMP-300\u212A", "S-1")).as("the Kelvin sign's lower case is k")
                .isEqualTo(new SerialKey("temp-300k", "S-1"));
    }

    /** Upper case of the lower case merged more: ß became SS (found by review). */
    @Test
    void partNumber_spellingsTheCatalogKeepsApart_twoKeys() {
        assertThat(new SerialKey("MA\u00dfE-1", "S-1")).isNotEqualTo(new SerialKey("MASSE-1", "S-1"));
        assertThat(new SerialKey("\u0131D-1", "S-1")).as("dotless i").isNotEqualTo(new SerialKey("ID-1", "S-1"));
    }

    /** The keys claims were stored under before 4 December 2026 stay valid for these (docs/deploy.md). */
    @Test
    void partNumber_plainAsciiWithoutLowerCase_keepsItsSpelling() {
        assertThat(new SerialKey("PCB-410", "S-1").partNumber()).isEqualTo("PCB-410");
    }

    /** Its byte length is the lower case's, which the catalog keeps within a key (found by review: upper case tripled some). */
    @Test
    void partNumber_canonicalFormTakesNoMoreBytesThanTheLowerCase() {
        var greek = "P-" + "\u0390".repeat(10);
        assertThat(new SerialKey(greek, "S-1").partNumber().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSameSizeAs(greek.toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The catalog matches a name in either Unicode form since 4 December 2026 (NameIndex.key, NFC): one part number, one key (found by review). */
    @Test
    void partNumber_composedAndDecomposedSpellingsTheCatalogMatchesAsOne_oneKey() {
        assertThat(dev.intake.core.catalog.NameIndex.key("BU\u0308GEL-1")).isEqualTo(dev.intake.core.catalog.NameIndex.key("B\u00dcGEL-1"));
        assertThat(new SerialKey("BU\u0308GEL-1", "S-1")).isEqualTo(new SerialKey("B\u00dcGEL-1", "S-1"));
    }

    /**
     * Found by review (5 Dec 2026): since 5 December 2026 NameIndex.key reads any Unicode space as
     * a plain one, so the catalog takes "WIDGET A" and "WIDGET\u00A0A" (a no-break space) as one
     * part number (PartIndex keys revisions by it; a reload may re-spell it, a revision spell it
     * otherwise), but SerialKey.canonical does not fold spaces: the two get two claim keys, and
     * one serial can be held twice for one part number (SPEC §6), against this class's contract
     * ("one key for every spelling the catalog takes for one part number").
     */
    @Test
    void partNumber_spellingsDifferingInAUnicodeSpaceTheCatalogMatchesAsOne_oneKey() {
        assertThat(dev.intake.core.catalog.NameIndex.key("WIDGET\u00A0A")).isEqualTo(dev.intake.core.catalog.NameIndex.key("WIDGET A"));
        assertThat(new SerialKey("WIDGET\u00A0A", "S-1")).isEqualTo(new SerialKey("WIDGET A", "S-1"));
    }

    /**
     * Found by review (5 Dec 2026): no test failed when SerialKey.fitsClaimKeyOf's bound moved by
     * a byte either way ({@code + 2 <=} mutated to {@code + 2 <} or to {@code + 1 <=}). A claim's
     * key is {@code <org>#<PART>#<serial>} (docs/dynamodb.md) and DynamoDB takes a partition key
     * of up to 2,048 bytes: one of exactly 2,048 is looked up and claimed, one byte more is
     * LIMIT_EXCEEDED (HostileUploaderTest's key is 2,052 bytes, four past the bound).
     */
    @Test
    void fitsClaimKeyOf_keyOfExactly2048Bytes_fitsAndOneByteMoreDoesNot() {
        var org = "acme";
        var part = "P-1";
        int serialBytes = 2_048 - (org + "#" + part + "#").length();
        var atTheLimit = new SerialKey(part, "S".repeat(serialBytes));
        var past = new SerialKey(part, "S".repeat(serialBytes + 1));

        assertThat((org + "#" + atTheLimit.partNumber() + "#" + atTheLimit.serialNumber())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(2_048);
        assertThat(atTheLimit.fitsClaimKeyOf(org)).isTrue();
        assertThat(past.fitsClaimKeyOf(org)).isFalse();
    }
}
