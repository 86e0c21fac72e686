package dev.intake.testing;

/** Pauses inside lambdas that cannot throw {@link InterruptedException}: slow fakes, timing gaps. */
public final class Sleep {

    private Sleep() {}

    /** Sleeps; if interrupted, keeps the thread's interrupt flag set and returns early. */
    public static void quietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
