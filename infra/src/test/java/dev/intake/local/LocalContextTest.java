package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LocalContextTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void getRemainingTimeInMillis_timePasses_countsDownToZeroNeverBelow() {
        var clock = new HandClock();
        var context = new LocalContext("us-east-1", Duration.ofMinutes(15), clock, System.err);

        assertThat(context.getRemainingTimeInMillis()).isEqualTo(900_000);
        clock.now = clock.now.plusSeconds(60);
        assertThat(context.getRemainingTimeInMillis()).isEqualTo(840_000);
        clock.now = clock.now.plusSeconds(3600);
        assertThat(context.getRemainingTimeInMillis()).isZero();
    }

    @Test
    void getLogger_message_goesToTheGivenStreamAsIs() {
        var log = new ByteArrayOutputStream();
        var context = new LocalContext("eu-west-1", new PrintStream(log, true, StandardCharsets.UTF_8));

        context.getLogger().log("{\"outcome\":\"report written\"}\n");

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("{\"outcome\":\"report written\"}\n");
        assertThat(context.getAwsRequestId()).isNotBlank();
        assertThat(context.getInvokedFunctionArn()).startsWith("arn:aws:lambda:eu-west-1:");
    }
}
