package dev.intake.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copy of the {@code ./intake} launcher and what it reads (its scripts, template.yaml), for
 * tests that run the launcher without building the repository: a build of the repository's own
 * launcher inside the test run (a clean checkout has no classpath file yet) would be a second
 * Maven build beside the one running the tests (found by review on 6 December 2026).
 */
final class LauncherCopy {

    private LauncherCopy() {}

    /** The launcher and what it reads, copied to {@code root}. */
    static Path at(Path root) throws Exception {
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(Emulators.ROOT.resolve("intake"), root.resolve("intake"));
        Files.copy(Emulators.ROOT.resolve("scripts/java-home.sh"), root.resolve("scripts/java-home.sh"));
        Files.copy(Emulators.ROOT.resolve("scripts/maven.sh"), root.resolve("scripts/maven.sh"));
        Files.copy(Emulators.ROOT.resolve("template.yaml"), root.resolve("template.yaml"));
        return root;
    }

    /** An up-to-date build at {@code root}: a classpath file naming only entries that exist (the copy's empty classes folder). */
    static void upToDateBuild(Path root) throws Exception {
        upToDateBuild(root, root.resolve("infra/target/classes").toString());
    }

    /** An up-to-date build at {@code root} whose classpath is {@code classpath}, after the copy's empty classes folder. */
    static void upToDateBuild(Path root, String classpath) throws Exception {
        Files.createDirectories(root.resolve("infra/target/classes"));
        Files.writeString(root.resolve("infra/target/intake-cli.classpath"), classpath);
    }

    /** A copy at {@code root} that runs the CLI from the test's own classes and libraries. */
    static Path runningTheTestsClasses(Path root) throws Exception {
        at(root);
        upToDateBuild(root, System.getProperty("java.class.path"));
        return root.resolve("intake");
    }
}
