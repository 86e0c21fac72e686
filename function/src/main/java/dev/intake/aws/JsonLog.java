package dev.intake.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.intake.core.report.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function's log: one JSON object per line, in the shape of the Lambda runtime's own JSON
 * log lines ({@code timestamp}, {@code level}, {@code message}, {@code AWSRequestId}) with Intake's
 * fields beside them as real JSON fields. Lines go to the runtime's {@link LambdaLogger} as bytes
 * with a level: the runtime then passes them through as they are (a String would be wrapped in a
 * {@code message} of its own) and still filters them by the function's ApplicationLogLevel.
 * Written by hand rather than through a logging library: measured, it costs nothing on a cold start
 * (docs/operations.md).
 */
public final class JsonLog {

    /** Where lines go: the invocation's LambdaLogger, or a test's list. */
    public interface Sink {
        /** {@code level} null: a line the runtime must never filter out (a metrics document). */
        void write(LogLevel level, String line);
    }

    /** A log that writes nowhere, for priming. */
    public static final JsonLog NONE = new JsonLog((level, line) -> {}, Clock.systemUTC());

    private static final int STACK_FRAMES = 12;

    /** Null: the Lambda runtime's logger. */
    private final Sink sink;
    private final Clock clock;
    private volatile LambdaLogger logger;
    private volatile String requestId;

    public JsonLog(Sink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** Lines go to the current invocation's logger, and outside an invocation to the runtime's. */
    public static JsonLog toLambda() {
        return new JsonLog(null, Clock.systemUTC());
    }

    private void write(LogLevel level, String line) {
        if (sink != null) {
            sink.write(level, line);
            return;
        }
        var target = logger != null ? logger : LambdaRuntime.getLogger();
        target.log((line + "\n").getBytes(StandardCharsets.UTF_8), level == null ? LogLevel.UNDEFINED : level);
    }

    /** The invocation whose request id every line carries until {@link #end()}. */
    public void begin(Context context) {
        requestId = context == null ? null : context.getAwsRequestId();
        logger = context == null ? null : context.getLogger();
    }

    public void end() {
        requestId = null;
        logger = null;
    }

    public void info(String message, Map<String, ?> fields) {
        write(LogLevel.INFO, line(LogLevel.INFO, message, fields));
    }

    public void warn(String message, Map<String, ?> fields) {
        write(LogLevel.WARN, line(LogLevel.WARN, message, fields));
    }

    /** An error with its cause as the runtime reports one: errorType, errorMessage, stackTrace. */
    public void error(String message, Map<String, ?> fields, Throwable cause) {
        var all = new LinkedHashMap<String, Object>(fields);
        if (cause != null) {
            all.put("errorType", cause.getClass().getName());
            all.put("errorMessage", cause.getMessage());
            var frames = new ArrayList<String>();
            var trace = cause.getStackTrace();
            for (int i = 0; i < Math.min(STACK_FRAMES, trace.length); i++) {
                frames.add(trace[i].toString());
            }
            all.put("stackTrace", frames);
        }
        write(LogLevel.ERROR, line(LogLevel.ERROR, message, all));
    }

    /** A JSON document written as it is (EMF metrics): never filtered by level. */
    public void document(String json) {
        write(null, json);
    }

    private String line(LogLevel level, String message, Map<String, ?> fields) {
        var json = new LinkedHashMap<String, Object>();
        json.put("timestamp", clock.instant());
        json.put("level", level.name());
        json.put("message", message);
        if (requestId != null) {
            json.put("AWSRequestId", requestId);
        }
        fields.forEach(json::putIfAbsent);
        return JsonText.encode(json);
    }
}
