package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class PurchaseOrderItemsTest {

    /**
     * Keys were formatted in the JVM's locale until 4 December 2026: {@code ./intake} on a machine
     * set to Persian wrote {@code po#۰۰۰…۷}, a key the function never looks up.
     */
    @Test
    void keys_haveAsciiDigitsWhateverTheJvmsLocale() {
        var before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("fa-IR"));

            assertThat(PurchaseOrderItems.poKey(7)).isEqualTo("po#000000000007");
            assertThat(PurchaseOrderItems.lineKey(7, 12)).isEqualTo("po#000000000007#line#000012");
            assertThat(PurchaseOrderItems.pageKeyOf("acme", 7, 3).get("sk").s())
                    .isEqualTo("po#000000000007#page#00003");
        } finally {
            Locale.setDefault(before);
        }
    }
}
