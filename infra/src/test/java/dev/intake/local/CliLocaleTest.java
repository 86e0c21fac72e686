package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./intake} as a user runs it from a shell whose locale is not UTF-8: the POSIX locale of a
 * bare container, a CI runner, cron or an ssh session without LANG. The test JVM itself always runs
 * under C.UTF-8 (infra/pom.xml sets LC_ALL for surefire), so only the launcher, run as its own
 * process with the shell's locale, shows what such a user gets.
 */
class CliLocaleTest {

    @TempDir
    Path folder;

    @Test
    void import_fileWithNonAsciiNameUnderPosixLocale_importsItUnderThatKey() throws Exception {
        var file = folder.resolve("acme/part-inventory/validate/Zählung März.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n", StandardCharsets.UTF_8);

        var result = runLauncherUnderPosixLocale("import", file.toString(), "--quiet");

        assertThat(result.err()).doesNotContain("Malformed input or input contains unmappable characters")
                .doesNotContain("Bad Request");
        assertThat(result.out()).contains("\"key\":\"acme/part-inventory/validate/Zählung März.csv\"");
    }

    @Test
    void import_keyWithNonAsciiNameUnderPosixLocale_importsItUnderThatKey() throws Exception {
        var file = folder.resolve("plain.csv");
        Files.writeString(file, "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n", StandardCharsets.UTF_8);

        var result = runLauncherUnderPosixLocale("import", file.toString(), "--key",
                "acme/part-inventory/validate/Zählung.csv", "--quiet");

        assertThat(result.err()).doesNotContain("Bad Request");
        assertThat(result.out()).contains("\"key\":\"acme/part-inventory/validate/Zählung.csv\"");
    }

    /**
     * Found by review (5 Dec 2026): under a default locale whose digits are not ASCII (Arabic,
     * Persian, Bengali: ar-EG, fa-IR, bn-BD, what the JVM takes from LANG=ar_EG.UTF-8 and the
     * like), every {@code ./intake} command that touches the tables fails: the embedded DynamoDB
     * Local formats its SQL in the default locale ("... LIMIT ١٠١": "no such column: ١٠١"), so
     * each request is a 500, and the CLI ends with "The request processing has failed because of
     * an unknown error" after nine attempts and no report. (The launcher forces C.UTF-8 only
     * when the charset is not UTF-8.) JAVA_TOOL_OPTIONS stands in for such a LANG here: this
     * machine has no Arabic locale installed, and without one the JVM falls back to en.
     */
    @Test
    void import_underALocaleWithArabicDigits_printsTheReport() throws Exception {
        var file = folder.resolve("acme/part-inventory/validate/count.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n", StandardCharsets.UTF_8);

        var result = runLauncher(java.util.Map.of("LC_ALL", "C.UTF-8",
                "JAVA_TOOL_OPTIONS", "-Duser.language=ar -Duser.country=EG"), "import", file.toString(), "--quiet");

        assertThat(result.err()).doesNotContain("no such column").doesNotContain("unknown error");
        assertThat(result.out()).contains("\"key\":\"acme/part-inventory/validate/count.csv\"");
    }

    private record Result(int exit, String out, String err) {}

    private Result runLauncherUnderPosixLocale(String... args) throws Exception {
        return runLauncher(java.util.Map.of("LC_ALL", "POSIX"), args);
    }

    private Result runLauncher(java.util.Map<String, String> extraEnv, String... args) throws Exception {
        // the launcher as the repository has it, running the classes this test runs (not building them again)
        var launcher = LauncherCopy.runningTheTestsClasses(folder.resolve("intake-copy"));
        var command = new java.util.ArrayList<String>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(folder.resolve("out.txt").toFile()).redirectError(folder.resolve("err.txt").toFile());
        var env = builder.environment();
        env.remove("LANG");
        env.remove("LC_CTYPE");
        env.putAll(extraEnv);
        env.put("INTAKE_HOME", folder.resolve(".intake").toString());
        var process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("./intake did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(folder.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(folder.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
