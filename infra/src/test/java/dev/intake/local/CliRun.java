package dev.intake.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs {@code ./intake} in the test JVM with its state in {@code home}, and keeps what it printed. */
record CliRun(int exit, String out, String err) {

    List<String> lines() {
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }

    /**
     * The acme sample catalog as {@code org}'s, written to {@code file} (its folder made): what a
     * test loads with {@code ./intake catalog}, or an import finds beside its file.
     */
    static Path sampleCatalogAs(String org, Path file) throws java.io.IOException {
        var catalog = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Files.readString(Emulators.ROOT.resolve("samples/acme/catalog.json")));
        catalog.put("org", org);
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        return java.nio.file.Files.writeString(file, catalog.toString());
    }

    static CliRun run(Path home, String... args) {
        return run(home, null, args);
    }

    /** With {@code progressInterval} set, progress lines (plain, not a terminal's) come that often. */
    static CliRun run(Path home, Duration progressInterval, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var cli = new IntakeCli(Map.of("INTAKE_HOME", home.toString()), Path.of(""), TemplateTablesTest.PROJECT_TEMPLATE,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .progress(false, progressInterval);
        int exit = cli.run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
