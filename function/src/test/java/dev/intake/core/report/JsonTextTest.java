package dev.intake.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void encode_quotesAndBackslashes_escaped() {
        assertThat(JsonText.encode("say \"hi\" C:\\tmp")).isEqualTo("\"say \\\"hi\\\" C:\\\\tmp\"");
    }

    @Test
    void encode_namedControlCharacters_shortEscapes() {
        assertThat(JsonText.encode("a\nb\rc\td")).isEqualTo("\"a\\nb\\rc\\td\"");
    }

    @Test
    void encode_otherControlCharacters_unicodeEscapes() {
        assertThat(JsonText.encode("\u0000\u0001\u001f\b\f")).isEqualTo("\"\\u0000\\u0001\\u001f\\u0008\\u000c\"");
    }

    @Test
    void encode_unicodeText_keptAsIs() {
        assertThat(JsonText.encode("Müller 東京 😀 \u007f")).isEqualTo("\"Müller 東京 😀 \u007f\"");
    }

    @Test
    void encode_scalars_jsonLiterals() {
        assertThat(JsonText.encode(null)).isEqualTo("null");
        assertThat(JsonText.encode(true)).isEqualTo("true");
        assertThat(JsonText.encode(42)).isEqualTo("42");
        assertThat(JsonText.encode(1042L)).isEqualTo("1042");
    }

    @Test
    void encode_bigDecimal_plainWithoutTrailingZeros() {
        assertThat(JsonText.encode(new BigDecimal("12.500"))).isEqualTo("12.5");
        assertThat(JsonText.encode(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(JsonText.encode(new BigDecimal("0.000"))).isEqualTo("0");
    }

    @Test
    void encode_datesAndEnums_asStrings() {
        assertThat(JsonText.encode(LocalDate.of(2026, 1, 31))).isEqualTo("\"2026-01-31\"");
        assertThat(JsonText.encode(Instant.parse("2026-01-31T10:15:30Z"))).isEqualTo("\"2026-01-31T10:15:30.000000000Z\"");
        assertThat(JsonText.encode(ErrorCode.REQUIRED)).isEqualTo("\"REQUIRED\"");
    }

    @Test
    void encode_mapsAndCollections_nestedInOrder() {
        var map = new LinkedHashMap<String, Object>();
        map.put("b", List.of(1, "two"));
        map.put("a", Map.of());
        map.put("k\"ey", Arrays.asList(null, false));

        assertThat(JsonText.encode(map)).isEqualTo("{\"b\":[1,\"two\"],\"a\":{},\"k\\\"ey\":[null,false]}");
    }

    @Test
    void encode_unsupportedType_throws() {
        assertThatThrownBy(() -> JsonText.encode(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
