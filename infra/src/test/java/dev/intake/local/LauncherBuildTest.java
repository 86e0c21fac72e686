package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the {@code ./intake} launcher finds itself, its JDK and its build, in conditions a newcomer or
 * CI meets: run on a copy of the launcher (and its scripts) whose Maven and JDK are stand-ins that
 * record what they were asked, so nothing real is built or started and each case takes a second or two.
 */
class LauncherBuildTest {

    @TempDir
    Path folder;

    /**
     * Found by review (5 Dec 2026): two {@code ./intake} commands started at once on a fresh clone
     * (README's serve section: {@code ./intake serve} in one terminal, {@code ./intake catalog ...}
     * in another, while the first still builds) run two Maven builds at once in the same target/
     * folders. On a real fresh clone the second failed ("Could not replace original artifact with
     * shaded artifact", bench/target) and printed its 200-line Maven log with "error: the build
     * failed"; two builds rewriting one jar or class folder can as well hand the first a broken
     * one. The launcher takes no lock around its check and its build.
     */
    @Test
    void launcher_twoStartedAtOnceOnAFreshClone_buildOneAtATime() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        var builds = folder.resolve("builds.log");
        var maven = executable(folder.resolve("mvn"), """
                #!/bin/sh
                echo "start $$" >> '%s'
                sleep 2
                mkdir -p infra/target/classes
                printf '%%s' "$PWD/infra/target/classes" > infra/target/intake-cli.classpath.tmp
                echo "end $$" >> '%s'
                """.formatted(builds, builds));
        var jdk = fakeJdk(21);

        var env = Map.of("JAVA_HOME", jdk.toString(), "INTAKE_MVN", maven.toString());
        var first = start(root, root, env, "a", "dump", "inventory");
        Thread.sleep(300);
        var second = start(root, root, env, "b", "dump", "inventory");
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(second.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(first.exitValue()).as(Files.readString(folder.resolve("a.txt"))).isZero();
        assertThat(second.exitValue()).as(Files.readString(folder.resolve("b.txt"))).isZero();
        var lines = Files.readAllLines(builds);
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.get(i)).startsWith("start");
            assertThat(i + 1 < lines.size() ? lines.get(i + 1) : "").as("the builds, in order: " + lines)
                    .isEqualTo(lines.get(i).replace("start", "end"));
        }
    }

    /**
     * Found by review (5 Dec 2026): a clone under a folder whose name is not ASCII
     * ({@code ~/Entwicklung/Zählung/intake}, {@code ~/プロジェクト/intake}) cannot be built from a shell
     * whose locale is not UTF-8 (a bare container, a CI runner, cron, ssh without LANG: the very
     * shells the launcher switches to C.UTF-8 for), because it switches only after the build. Maven's
     * JVM then names files in ASCII: "there is no POM in this directory (/tmp/tooling ��/intake)",
     * "error: the build failed", exit 1, on every run. ./test has the same gap.
     */
    @Test
    void launcher_cloneUnderANonAsciiFolderInThePosixLocale_buildsWithAJvmThatCanNameItsFiles() throws Exception {
        var root = LauncherCopy.at(folder.resolve("Zählung").resolve("intake"));
        var encoding = folder.resolve("encoding.txt");
        var realJava = ProcessHandle.current().info().command().orElseThrow();
        var maven = executable(folder.resolve("mvn"), """
                #!/bin/sh
                '%s' -XshowSettings:properties -version 2>&1 | grep sun.jnu.encoding > '%s'
                mkdir -p infra/target/classes
                printf '%%s' "$PWD/infra/target/classes" > infra/target/intake-cli.classpath.tmp
                """.formatted(realJava, encoding));
        var jdk = fakeJdk(21);

        var process = start(root, root, Map.of("JAVA_HOME", jdk.toString(), "INTAKE_MVN", maven.toString(),
                "LC_ALL", "POSIX"), "run", "dump", "inventory");
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(encoding)).as("the file-name charset of the JVM the build runs in")
                .contains("UTF-8");
    }

    /**
     * Found by review (5 Dec 2026): {@code ln -s ~/src/intake/intake ~/bin/intake}, the usual way to
     * put a command on PATH, gives a launcher that cannot start: it takes its root from the link's
     * folder ("~/bin/scripts/java-home.sh: No such file or directory", exit 1). The launcher resolves
     * a linked folder (pwd -P) but not a linked file.
     */
    @Test
    void launcher_runThroughASymlink_findsItsScriptsAndRuns() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        LauncherCopy.upToDateBuild(root);
        var bin = Files.createDirectories(folder.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("intake"), root.resolve("intake"));
        var jdk = fakeJdk(21);

        var process = start(bin.resolve("intake"), folder, Map.of("JAVA_HOME", jdk.toString()), "run", "dump", "inventory");
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(folder.resolve("run.txt"))).isZero();
        assertThat(folder.resolve("java-args.txt")).as("the CLI was started").exists();
    }

    /**
     * Found by review (5 Dec 2026): without HOME in the environment (a systemd unit with no User=,
     * {@code env -i}, some CI executors) and no JDK 21 at JAVA_HOME or first on PATH, the launcher
     * stops at "scripts/java-home.sh: line 34: HOME: unbound variable" (set -u meets
     * "$HOME"/.sdkman), exit 1, before looking in /usr/lib/jvm, where a JDK 21+ may well be.
     */
    @Test
    void launcher_withoutHome_looksForTheJdkWithoutFailingOnHome() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        LauncherCopy.upToDateBuild(root);
        var oldJdk = fakeJdk(17);

        var builder = new ProcessBuilder(root.resolve("intake").toString(), "dump", "inventory").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("run.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", oldJdk.resolve("bin") + ":/usr/bin:/bin", "JAVA_HOME", oldJdk.toString(),
                "LANG", "C.UTF-8"));
        var process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(folder.resolve("run.txt"))).doesNotContain("unbound variable");
    }

    /**
     * Found by review (5 Dec 2026): the launcher now tolerates an unset HOME when it looks for a JDK
     * and when scripts/maven.sh checks for ~/.m2/wrapper, but the build it then starts still fails
     * when Maven comes from ./mvnw (no mvn on PATH, or one older than the project's minimum, as on a
     * newcomer's machine): mvnw runs under {@code set -u} and reads {@code ${HOME}/.m2}, so the first
     * build of {@code env -i ./intake ...} (systemd unit with no User=, some CI executors) stops at
     * "mvnw: 145: HOME: parameter not set" (dash; "unbound variable" under bash), "error: the build failed", exit 1, every run. (With
     * HOME merely empty it would use /.m2, not the ~/.m2 maven.sh checked.) Fix: export
     * MAVEN_USER_HOME=${MAVEN_USER_HOME:-${HOME:-~}/.m2} (or HOME from ~) in scripts/maven.sh.
     * MVNW_REPOURL points at a closed local port so that a fixed launcher reaches no network here.
     */
    @Test
    void launcher_withoutHomeAndMavenFromTheWrapper_buildsWithoutFailingOnHome() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        Files.copy(Emulators.ROOT.resolve("mvnw"), root.resolve("mvnw"));
        Files.createDirectories(root.resolve(".mvn/wrapper"));
        Files.copy(Emulators.ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"), root.resolve(".mvn/wrapper/maven-wrapper.properties"));
        Files.createDirectories(root.resolve("function"));
        Files.copy(Emulators.ROOT.resolve("function/pom.xml"), root.resolve("function/pom.xml"));
        var tools = Files.createDirectories(folder.resolve("tools"));
        executable(tools.resolve("mvn"), "#!/bin/sh\necho 'Apache Maven 3.0.5'\n"); // too old: ./mvnw is used
        var jdk = fakeJdk(21);

        var builder = new ProcessBuilder(root.resolve("intake").toString(), "dump", "inventory").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("run.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", tools + ":/usr/bin:/bin", "JAVA_HOME", jdk.toString(),
                "LANG", "C.UTF-8", "MVNW_REPOURL", "http://127.0.0.1:9/maven2"));
        var process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(folder.resolve("run.txt"))).doesNotContain("unbound variable")
                .doesNotContain("HOME: parameter not set");
    }

    /**
     * Found by review (6 Dec 2026): a build begun while a command runs ({@code ./intake} after a git
     * pull, or {@code ./test}, beside a running {@code ./intake serve}) rewrites the class folder and
     * the function jar that command loads its classes from, lazily; the serve's later imports then
     * failed inside it with NoClassDefFoundError and wrote no report. Each command runs from its own
     * copy, which a later command removes once the first has ended.
     */
    @Test
    void launcher_rebuiltWhileACommandRuns_commandKeepsTheCodeItStartedWithAndItsCopyGoesAfterIt() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        var classes = Files.createDirectories(root.resolve("infra/target/classes"));
        var jar = Files.createDirectories(root.resolve("function/target")).resolve("intake-function.jar");
        Files.writeString(classes.resolve("Marker.class"), "classes as built ");
        Files.writeString(jar, "jar as built");
        var library = Files.writeString(folder.resolve("library.jar"), "a library in ~/.m2");
        Files.writeString(root.resolve("infra/target/intake-cli.classpath"), jar + ":" + library);
        var go = folder.resolve("go");
        var jdk = fakeJdk(21, """
                while [ "$1" != -cp ]; do shift; done
                classpath=$2
                echo "$classpath" > '%s'
                while [ ! -f '%s' ]; do sleep 0.1; done
                classes=${classpath%%%%:*}; jar=${classpath#*:}; jar=${jar%%%%:*}
                cat "$classes/Marker.class" "$jar" > '%s'
                """.formatted(folder.resolve("classpath.txt"), go, folder.resolve("seen.txt")));
        var temporary = Files.createDirectories(folder.resolve("tmp"));
        var env = Map.of("JAVA_HOME", jdk.toString(), "TMPDIR", temporary.toString());

        var serve = start(root, root, env, "serve", "serve");
        while (!Files.exists(folder.resolve("classpath.txt"))) {
            assertThat(serve.isAlive()).as(() -> read("serve.txt")).isTrue();
            Thread.sleep(50);
        }
        Files.writeString(classes.resolve("Marker.class"), "classes rebuilt ");
        Files.writeString(jar, "jar rebuilt");
        Files.createFile(go);
        assertThat(serve.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(Files.readString(folder.resolve("seen.txt"))).as("what the running command loaded")
                .isEqualTo("classes as built jar as built");
        assertThat(Files.readString(folder.resolve("classpath.txt")).trim()).as("the classpath it was given")
                .endsWith(":" + library).doesNotContain(root.toString());
        var copies = Files.list(temporary).findFirst().orElseThrow();
        assertThat(Files.list(copies).count()).as("the copy of the ended command, before the next one").isOne();
        var next = start(root, root, env, "next", "dump", "inventory");
        assertThat(next.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.list(copies).count()).as("copies left: the next command's own").isOne();
        assertThat(Files.readString(folder.resolve("classpath.txt"))).as("the next command's classpath")
                .startsWith(Files.list(copies).findFirst().orElseThrow().toString());
    }

    /**
     * Found by review (6 Dec 2026): a command removed the copies of ended commands by their pid
     * file, and took an empty one (a command starting that instant, its pid not yet written) for
     * ended, removing the copy it was about to run from.
     */
    @Test
    void launcher_copyWhosePidIsNotWrittenYet_isLeftAlone() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        LauncherCopy.upToDateBuild(root);
        var temporary = Files.createDirectories(folder.resolve("tmp"));
        var env = Map.of("JAVA_HOME", fakeJdk(21).toString(), "TMPDIR", temporary.toString());
        assertThat(start(root, root, env, "first", "dump", "inventory").waitFor(1, TimeUnit.MINUTES)).isTrue();
        var copies = Files.list(temporary).findFirst().orElseThrow();
        var starting = Files.createDirectories(copies.resolve("starting"));
        Files.createFile(starting.resolve("pid"));

        assertThat(start(root, root, env, "second", "dump", "inventory").waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(starting).exists();
    }

    /** Found by review (6 Dec 2026): a TMPDIR holding ':' split the classpath, and no command could start. */
    @Test
    void launcher_tmpdirWithAColon_stillStartsTheCli() throws Exception {
        var root = LauncherCopy.at(folder.resolve("clone"));
        LauncherCopy.upToDateBuild(root);
        var temporary = Files.createDirectories(folder.resolve("a:b"));

        var process = start(root, root, Map.of("JAVA_HOME", fakeJdk(21).toString(), "TMPDIR", temporary.toString()),
                "run", "dump", "inventory");
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(read("run.txt")).isZero();
        var arguments = Files.readString(folder.resolve("java-args.txt"));
        assertThat(arguments).doesNotContain("a:b").contains("-cp /tmp/intake-code-");
    }

    private String read(String name) {
        try {
            return Files.readString(folder.resolve(name));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** A stand-in JDK of this major version whose java records its arguments instead of starting the CLI. */
    private Path fakeJdk(int major) throws Exception {
        return fakeJdk(major, "echo \"$@\" >> '%s'".formatted(folder.resolve("java-args.txt")));
    }

    /** A stand-in JDK of this major version whose java runs the shell commands {@code cli} instead of the CLI. */
    private Path fakeJdk(int major, String cli) throws Exception {
        var jdk = folder.resolve("jdk" + major);
        Files.createDirectories(jdk.resolve("bin"));
        executable(jdk.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        executable(jdk.resolve("bin/java"), """
                #!/bin/sh
                case "$*" in
                  *-XshowSettings:properties*) printf '    java.specification.version = %d\\n    java.home = %s\\n' >&2; exit 0 ;;
                esac
                %s
                """.formatted(major, jdk, cli));
        return jdk;
    }

    /** The launcher {@code launcher} run from {@code directory} in a clean environment plus {@code variables}; output in name.txt. */
    private Process start(Path launcher, Path directory, Map<String, String> variables, String name, String... args) throws Exception {
        if (Files.isDirectory(launcher)) {
            launcher = launcher.resolve("intake");
        }
        var command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".txt").toFile());
        var env = builder.environment();
        env.clear();
        var all = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", folder.toString(), "LANG", "C.UTF-8",
                "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy"));
        all.putAll(variables);
        env.putAll(all);
        return builder.start();
    }

    private static Path executable(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
