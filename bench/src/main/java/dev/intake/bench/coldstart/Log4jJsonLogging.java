package dev.intake.bench.coldstart;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;

/**
 * What Powertools for AWS Lambda (Java) logging would cost a cold start, from below: its backend,
 * log4j 2 with a JSON template layout whose fields come from the thread context (the MDC), writing
 * the lines one import writes. Powertools 2.2.0's logging modules are not served by the build
 * machines' Maven mirror; Powertools adds SLF4J, its own classes, AspectJ's runtime and Jackson on
 * top of these, so the real cost is higher. (log4j's API directly rather than SLF4J: in the
 * function's JVM SLF4J is already bound to the function's own provider.) Run by the cold-start
 * bench after the import, in the probe's fresh JVM.
 */
public final class Log4jJsonLogging implements Runnable {

    @Override
    public void run() {
        System.setProperty("log4j2.configurationFile", "coldstart-log4j2.xml");
        var log = LogManager.getLogger("dev.intake.IntakeHandler");
        ThreadContext.put("importId", "81fa2d89991d4d14ea6302d647842d68");
        ThreadContext.put("org", "coldstart");
        ThreadContext.put("importer", "part-inventory");
        ThreadContext.put("key", "coldstart/part-inventory/receiving.csv");
        ThreadContext.put("status", "SUCCEEDED");
        ThreadContext.put("rows", "10");
        ThreadContext.put("created", "10");
        ThreadContext.put("updated", "0");
        ThreadContext.put("errors", "0");
        ThreadContext.put("durationMs", "120");
        log.info("import finished");
        ThreadContext.put("phase", "committing");
        log.info("import progress");
        ThreadContext.clearMap();
    }
}
