package dev.intake.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.intake.IntakeHandler;
import java.io.FileInputStream;

/**
 * The child side of {@link ColdStartBench}: one fresh JVM on the function's deployment package,
 * doing what a Lambda cold start does (construct the handler, turn the event JSON into an S3Event
 * with the runtime's serializer, handle it), and printing how long each step took. Runs with the
 * package, the runtime's serializer and this class only on its classpath, so it loads nothing the
 * deployed function would not (plus, for a variant, the hook's library).
 *
 * <p>Arguments: the event file, then {@code primed} or {@code unprimed}, then a hook class or {@code -}.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        if ("hello".equals(args[0])) {
            // The floor: a JVM that starts, prints and exits.
            System.out.println("{\"probe\":true}");
            return;
        }
        long start = System.nanoTime();
        var handler = new IntakeHandler();
        long constructed = System.nanoTime();
        if ("primed".equals(args[1])) {
            // What SnapStart runs before its snapshot; the measured import below is then the first after a restore.
            handler.beforeCheckpoint(null);
        }
        long primed = System.nanoTime();
        S3Event event;
        try (var json = new FileInputStream(args[0])) {
            event = LambdaEventSerializers.serializerFor(S3Event.class, ColdStartProbe.class.getClassLoader()).fromJson(json);
        }
        long parsed = System.nanoTime();
        var written = handler.handleRequest(event, new ProbeContext());
        long imported = System.nanoTime();
        if (!"-".equals(args[2])) {
            ((Runnable) Class.forName(args[2]).getDeclaredConstructor().newInstance()).run();
        }
        long hooked = System.nanoTime();
        System.out.println("{\"probe\":true,\"constructMs\":" + ms(start, constructed) + ",\"primeMs\":" + ms(constructed, primed)
                + ",\"eventMs\":" + ms(primed, parsed) + ",\"importMs\":" + ms(parsed, imported)
                + ",\"hookMs\":" + ms(imported, hooked) + ",\"reports\":" + written.size() + "}");
        System.out.flush();
        // The commit's writer pool keeps non-daemon threads, as a Lambda environment may; a probe ends here.
        System.exit(0);
    }

    private static double ms(long from, long to) {
        return Math.round((to - from) / 10_000.0) / 100.0;
    }

    /** Enough of a Lambda context for the handler: a request id, a generous deadline, the runtime's logger. */
    private static final class ProbeContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "cold-start-probe";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/IntakeFunction";
        }

        @Override
        public String getLogStreamName() {
            return "cold-start-probe";
        }

        @Override
        public String getFunctionName() {
            return "IntakeFunction";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:IntakeFunction:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 900_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 2048;
        }

        @Override
        public LambdaLogger getLogger() {
            return LambdaRuntime.getLogger();
        }
    }

}
