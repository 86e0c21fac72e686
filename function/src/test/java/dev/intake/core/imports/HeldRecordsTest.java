package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ErrorCode;
import org.junit.jupiter.api.Test;

class HeldRecordsTest {

    @Test
    void take_pastTheBudget_refusesThatAndEveryLaterTake() {
        var held = new HeldRecords(1_000);

        assertThat(held.take(2, 600)).isTrue();
        assertThat(held.take(1, 500)).isFalse();
        assertThat(held.take(1, 1)).as("once exceeded, nothing more is held").isFalse();
        assertThat(held.exceeded()).isTrue();
    }

    @Test
    void error_namesWhatWasHeldAndHowManyRecordsOneFileMayUpdate_roundedToTwoDigits() {
        var held = new HeldRecords(882_900_000);
        held.take(464_000, 464_000L * 1_900);
        held.take(1, 2_000_000);

        var error = held.error("stored records", "custom attributes and as-built BOMs count");

        assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
        assertThat(error.row()).isNull();
        assertThat(error.column()).isNull();
        assertThat(error.message()).isEqualTo("the stored records this file updates take more memory than an import may"
                + " hold: past 464,000 of them, about 1,900 bytes each as held (custom attributes and as-built BOMs"
                + " count), the 842.0 MB it may hold were used up. Split the file into"
                + " files that update at most about 460,000 of them, or give the function more memory (MemorySize)");
    }

    @Test
    void error_whenTheFirstRecordsAlreadyDoNotFit_saysWhatTheyWouldHaveHeld() {
        var held = new HeldRecords(1_000);
        held.take(4, 8_000);

        assertThat(held.error("stored records", "custom attributes and as-built BOMs count").message()).contains("past 0 of them, about 2,000 bytes each")
                .contains("at most about 0 of them");
    }

    @Test
    void stringBytes_aByteACharacterInLatin1AndTwoPastIt() {
        assertThat(HeldRecords.stringBytes(null)).isZero();
        assertThat(HeldRecords.stringBytes("Stockroom Ä")).isEqualTo(40 + 11);
        assertThat(HeldRecords.stringBytes("倉庫 A")).isEqualTo(40 + 2 * 4);
    }

    @Test
    void roughly_keepsTwoSignificantDigits() {
        assertThat(HeldRecords.roughly(30)).isEqualTo(30);
        assertThat(HeldRecords.roughly(99)).isEqualTo(99);
        assertThat(HeldRecords.roughly(12_345)).isEqualTo(12_000);
        assertThat(HeldRecords.roughly(281_168)).isEqualTo(280_000);
    }
}
