package dev.intake.bench.http;

import dev.intake.bench.Classpaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVMs that take samples: bench's classes, the function's runtime classpath and one HTTP
 * client's jars, nothing else (not DynamoDB Local's), with the options given on the command line,
 * run through the launcher (e.g. {@code taskset -c 0}) when there is one.
 */
record SampleJvms(Classpaths classpaths, List<String> launcher, List<String> options) {

    ChildJvm of(HttpClientChoice client, List<String> moreOptions) {
        var classpath = new ArrayList<Path>();
        classpath.add(classpaths.benchClasses());
        classpath.addAll(classpaths.function());
        classpath.addAll(classpaths.jarsOf(client.artifactIds()));
        var all = new ArrayList<>(options);
        all.addAll(moreOptions);
        return new ChildJvm(launcher, classpath, all);
    }
}
