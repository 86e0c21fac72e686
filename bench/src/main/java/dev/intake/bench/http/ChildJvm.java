package dev.intake.bench.http;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM for one sample, started as the Lambda runtime for Java 21 starts the function: C1 only
 * ({@code TieredStopAtLevel=1}) and the serial GC, both its defaults. Its standard error goes to
 * a file, quoted when the JVM fails. The launcher, if any, runs the {@code java} command (e.g.
 * {@code taskset -c 0}).
 */
public record ChildJvm(List<String> launcher, List<Path> classpath, List<String> options) {

    public static final List<String> LAMBDA_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED");

    /** What a finished JVM printed on the line that starts with the expected word, as key=value pairs. */
    public record Result(long millisToLine, Map<String, String> values) {
        public long longValue(String key) {
            return Long.parseLong(values.get(key));
        }

        public double doubleValue(String key) {
            return Double.parseDouble(values.get(key));
        }
    }

    /**
     * Runs {@code main} with {@code args}, and returns the line it prints that starts with
     * {@code word}, with the time from starting the process to reading that line.
     */
    public Result run(Class<?> main, List<String> args, String word, long timeoutSeconds) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("bench-jvm-", ".err");
        try {
            long start = System.nanoTime();
            var process = new ProcessBuilder(command(main, args)).redirectError(stderr.toFile()).start();
            Result result = null;
            try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (result == null && line.startsWith(word + " ")) {
                        result = new Result((System.nanoTime() - start) / 1_000_000, parse(line));
                    }
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(main.getSimpleName() + " " + args + " did not end within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0 || result == null) {
                throw new IOException(main.getSimpleName() + " " + args + " failed (exit " + process.exitValue()
                        + "); its standard error:\n" + Files.readString(stderr));
            }
            return result;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private List<String> command(Class<?> main, List<String> args) {
        var command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_OPTIONS);
        command.addAll(options);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    private static Map<String, String> parse(String line) {
        var values = new HashMap<String, String>();
        for (String pair : line.split(" ")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return values;
    }
}
