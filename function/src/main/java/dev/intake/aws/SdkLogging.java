package dev.intake.aws;

import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Where the AWS SDK's own log messages go in the deployed function: its warnings and errors
 * become JSON log lines ({@link JsonLog}) with the SDK logger's name; its debug and info chatter is
 * dropped. Without a provider SLF4J prints a warning on every cold start and drops everything.
 * Installed through SLF4J's {@code slf4j.provider} property by the Lambda handler only, so the
 * local runtime keeps its own logging.
 */
public final class SdkLogging {

    private static volatile JsonLog log = JsonLog.NONE;

    private SdkLogging() {}

    /**
     * Makes SLF4J use this provider, writing to {@code target} (returned); call before anything
     * of the SDK is built.
     */
    public static JsonLog install(JsonLog target) {
        log = target;
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", Provider.class.getName());
            // SLF4J would otherwise announce the provider on stderr at every cold start.
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        return target;
    }

    /** Found by SLF4J through the {@code slf4j.provider} property. */
    public static final class Provider implements SLF4JServiceProvider, ILoggerFactory {
        private final IMarkerFactory markers = new BasicMarkerFactory();
        private final MDCAdapter mdc = new NOPMDCAdapter();

        @Override
        public ILoggerFactory getLoggerFactory() {
            return this;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return "2.0.99";
        }

        @Override
        public void initialize() {
            // nothing to set up
        }

        @Override
        public Logger getLogger(String name) {
            return new WarningsLogger(name);
        }
    }

    /** Passes WARN and ERROR on to the JSON log. */
    private static final class WarningsLogger extends LegacyAbstractLogger {
        WarningsLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            var message = MessageFormatter.basicArrayFormat(pattern, arguments);
            var fields = Map.of("logger", (Object) name);
            if (level == Level.ERROR) {
                log.error(message, fields, throwable);
            } else if (level == Level.WARN) {
                log.warn(message, fields);
            }
        }
    }
}
