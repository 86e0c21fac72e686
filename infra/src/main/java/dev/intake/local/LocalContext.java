package dev.intake.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The Lambda context of a local invocation: a fresh request id, a time budget that counts down
 * like the deployed function's (15 minutes, template.yaml's Timeout), and a logger on stderr.
 */
public final class LocalContext implements Context {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
    private static final String FUNCTION = "IntakeFunction";

    private final String requestId = UUID.randomUUID().toString();
    private final Clock clock;
    private final Instant deadline;
    private final String region;
    private final LambdaLogger logger;
    private volatile boolean stopping;

    public LocalContext(String region, Duration timeout, Clock clock, PrintStream log) {
        this(region, timeout, clock, log, () -> {});
    }

    /**
     * {@code beforeEachLine} runs before each log line: a progress line rewritten in place on a
     * terminal is wiped first, or the log line was glued to it.
     */
    public LocalContext(String region, Duration timeout, Clock clock, PrintStream log, Runnable beforeEachLine) {
        this.clock = clock;
        this.deadline = clock.instant().plus(timeout);
        this.region = region;
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                beforeEachLine.run();
                log.print(message);
                log.flush();
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    public LocalContext(String region, PrintStream log) {
        this(region, DEFAULT_TIMEOUT, Clock.systemUTC(), log);
    }

    public LocalContext(String region, PrintStream log, Runnable beforeEachLine) {
        this(region, DEFAULT_TIMEOUT, Clock.systemUTC(), log, beforeEachLine);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + FUNCTION;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + requestId.replace("-", "");
    }

    @Override
    public String getFunctionName() {
        return FUNCTION;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":000000000000:function:" + FUNCTION;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    /**
     * Leaves the invocation no time: the handler stops at the next row as before its deadline,
     * records how far it got and gives its lease back, so that the next delivery resumes at once
     * (Ctrl-C on {@code ./intake import}).
     */
    void stop() {
        stopping = true;
    }

    /** Never negative, like the real one once the deadline has passed. */
    @Override
    public int getRemainingTimeInMillis() {
        if (stopping) {
            return 0;
        }
        long left = Duration.between(clock.instant(), deadline).toMillis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
    }

    @Override
    public int getMemoryLimitInMB() {
        return 2048;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
