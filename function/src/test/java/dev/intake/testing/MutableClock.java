package dev.intake.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until moved, or that moves by a fixed tick each time it is read. */
public final class MutableClock extends Clock {

    private Instant now;
    private Duration tick = Duration.ZERO;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** From now on every read of the clock moves it forward by {@code tick}. */
    public void tickOnEachRead(Duration tick) {
        this.tick = tick;
    }

    @Override
    public Instant instant() {
        var current = now;
        now = now.plus(tick);
        return current;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
