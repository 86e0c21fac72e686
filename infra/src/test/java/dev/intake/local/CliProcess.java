package dev.intake.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./intake} run as its own process on the test's classes, its state in {@code home}: for
 * what only a process shows (a signal, a restart). Its stdout and stderr go to
 * {@code <name>.out} and {@code <name>.err} in {@code folder}.
 */
final class CliProcess {

    private CliProcess() {}

    static Process start(Path folder, Path home, String name, Map<String, String> env, String... args) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dintake.template=" + TemplateTablesTest.PROJECT_TEMPLATE.toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), IntakeCli.class.getName()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(folder.resolve(name + ".out").toFile())
                .redirectError(folder.resolve(name + ".err").toFile());
        var all = new HashMap<>(Map.of("INTAKE_HOME", home.toString(), "DDB_LOCAL_TELEMETRY", "0",
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy",
                "AWS_REGION", "us-east-1"));
        all.putAll(env);
        builder.environment().putAll(all);
        return builder.start();
    }

    /** Kills those of {@code processes} still running (a test's clean-up), waiting up to {@code patience} for each. */
    static void stopAll(java.time.Duration patience, Process... processes) throws Exception {
        for (var process : processes) {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(patience.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /** What the process named {@code name} printed on stderr so far. */
    static String err(Path folder, String name) throws Exception {
        return Files.readString(folder.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    /** Untracked fastener rows of the acme sample catalog: no serials, so a file can be as long as a test needs. */
    static Path untrackedRows(Path folder, int rows) throws Exception {
        var text = new StringBuilder("part_number,revision,quantity,location,supplier\n");
        for (int i = 1; i <= rows; i++) {
            text.append("FST-M3-10,A,").append(i).append(",Stockroom A,Pacific Fasteners\n");
        }
        return Files.writeString(Files.createTempFile(folder, "rows", ".csv"), text, StandardCharsets.UTF_8);
    }
}
