package dev.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.JsonLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

    private final ArrayList<String> lines = new ArrayList<>();
    private final JsonLog log = new JsonLog((level, line) -> lines.add(line), Clock.systemUTC());

    @Test
    void run_withoutAnyAws_runsBothImportsAndTheCommitWritesInMemoryWithoutAnError() {
        boolean primed = Priming.run(IntakeConfig.from(Map.of()), Map.of("AWS_REGION", "eu-west-1"), log);

        assertThat(primed).isTrue();
        assertThat(lines).as("priming logs only its failures").isEmpty();
    }

    /**
     * Found by review "codereading" on 7 December 2026: with no catalog behind them, both priming
     * imports stopped at "org has no catalog" before reading a row (since the refusal of 5 December),
     * and validation's classes were loaded by a restored function's first import, not before the
     * snapshot. Each reads its two rows and fails them on the supplier the catalog lacks.
     */
    @Test
    void prime_bothImports_validateEveryRowAgainstTheCatalogOfPriming() {
        Priming.prime(IntakeConfig.from(Map.of()), Map.of("AWS_REGION", "eu-west-1"), log);

        var finished = lines.stream().filter(line -> line.contains("\"message\":\"import failed\"")).toList();
        assertThat(finished).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"status\":\"FAILED\",\"rows\":2,", "\"errorCodes\":[\"UNKNOWN_REFERENCE\"]"));
        assertThat(finished.get(0)).contains("\"importer\":\"part-inventory\"", "\"mode\":\"commit\"");
        assertThat(finished.get(1)).contains("\"importer\":\"purchase-orders\"", "\"mode\":\"validate\"");
    }

    @Test
    void run_primingOff_primesNothing() {
        boolean primed = Priming.run(IntakeConfig.from(Map.of()), Map.of(Priming.INTAKE_PRIMING, " OFF "), log);

        assertThat(primed).isFalse(); // asserted since review found this test could not fail
        assertThat(lines).isEmpty();
    }

    /** "false", "0", "no" left priming on without a word: only "off" was off (found by review on 6 December 2026). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"false", "0", "No"})
    void run_primingSetToAnotherSpellingOfOff_primesNothing(String value) {
        assertThat(Priming.run(IntakeConfig.from(Map.of()), Map.of(Priming.INTAKE_PRIMING, value), log)).isFalse();
        assertThat(lines).isEmpty();
    }

    /** A value neither on nor off primes, and says so at WARN, naming the variable. */
    @Test
    void run_primingSetToAValueNotUnderstood_primesAndWarnsNamingTheVariable() {
        boolean primed = Priming.run(IntakeConfig.from(Map.of()), Map.of(Priming.INTAKE_PRIMING, "disabled"), log);

        assertThat(primed).isTrue();
        assertThat(lines).singleElement().asString().contains("\"level\":\"WARN\"", "INTAKE_PRIMING not understood",
                "\"INTAKE_PRIMING\":\"disabled\"");
    }
}
