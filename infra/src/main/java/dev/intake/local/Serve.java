package dev.intake.local;

import dev.intake.core.imports.EarlierUploadUnfinishedException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./intake serve}: watches the local bucket and delivers an S3 ObjectCreated event to the
 * real handler for every {@code .csv} that lands in it, as S3's notification would, so that files
 * dropped with the AWS CLI are imported. Uploads run side by side, a few at once ({@link
 * DeliveryPool}), like concurrent Lambda invocations; those a command delivers itself ({@code
 * ./intake import}) are left to it. Closing stops watching and waits for the imports under way.
 */
final class Serve implements AutoCloseable {

    /** How often the bucket is listed: S3 notifications usually arrive within a second too. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    /**
     * How long a stopping serve stays up after the last import of another command ended: that
     * command then reads the report, and a serve closed at once made a finished import end
     * "Connection refused" (seen in a full ./test on a loaded machine, 7 December 2026).
     */
    private static final Duration REPORT_GRACE = Duration.ofSeconds(5);
    /** Deliveries of an upload given back over an earlier upload of its key, the first included: Lambda's three, and two more. */
    static final int GIVEN_BACK_ATTEMPTS = 5;
    /**
     * How often once nothing has landed or run for {@link #IDLE_AFTER}: each listing is of the whole
     * bucket, and an idle serve listing 3,200 objects every 500 ms kept a third of a core busy.
     */
    static final Duration IDLE_POLL_INTERVAL = Duration.ofSeconds(2);
    static final Duration IDLE_AFTER = Duration.ofMinutes(1);

    private final LocalAws aws;
    private final Sequencer sequencer;
    private final PrintStream out;
    private final PrintStream err;
    private final ProgressLine progress;
    private final List<BucketImports.Unfinished> unfinished;
    /** Resumes waiting for their lease: a stop cancels them, and the next serve resumes them. */
    private final List<ScheduledFuture<?>> waitingResumes = new CopyOnWriteArrayList<>(); // added to by delivery threads (retryLater)
    /** Set as close() begins: a retry scheduled after it took the waiting resumes is taken back ({@link #retryLater}). */
    private volatile boolean closing;
    private final BucketWatcher watcher;
    private final ScheduledThreadPoolExecutor poller;
    private final DeliveryPool deliveries = new DeliveryPool();
    private final AtomicInteger running = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean pollFailing;
    /** When the last listing found an upload, or an import was under way. */
    private Instant lastBusy = Instant.now();

    private Serve(LocalAws aws, Sequencer sequencer, PrintStream out, PrintStream err) {
        this.aws = aws;
        this.sequencer = sequencer;
        this.out = out;
        this.err = err;
        // Several imports may run at once: plain lines, each naming its file, never one rewritten line.
        this.progress = new ProgressLine(err, false);
        var imports = BucketImports.read(aws);
        this.unfinished = imports.unfinished();
        this.watcher = new BucketWatcher(aws.s3(), aws.bucket(), object -> imports.taken(object.key(), object.eTag(), object.lastModified()));
        this.poller = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("intake-serve-watch").daemon().factory());
        // The next listing is a delayed task: stopping must not wait for it, nor run it.
        this.poller.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts watching; from then on other commands may use {@code aws}'s emulators too. */
    private static Serve start(LocalAws aws, Sequencer sequencer, PrintStream out, PrintStream err) {
        var serve = new Serve(aws, sequencer, out, err);
        serve.resumeUnfinished();
        serve.poller.execute(serve::pollThenWait);
        aws.serving();
        return serve;
    }

    /**
     * Serves until Ctrl-C (or until the thread is interrupted), then stops watching, waits for the
     * imports under way and closes {@code aws}, which frees the state folder.
     */
    static void runUntilStopped(LocalAws aws, Sequencer sequencer, PrintStream out, PrintStream err, Path home) {
        Serve serve;
        try {
            serve = start(aws, sequencer, out, err);
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
        // Ctrl-C: the JVM runs this hook while it shuts down; it must leave nothing half-stopped.
        var stop = new Thread(() -> {
            aws.stopServing();
            serve.close();
            serve.awaitCommandsImporting();
            aws.close();
            err.println("intake serve: stopped; the state stays in " + home + ".");
        }, "intake-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            out.print(ServeBanner.text(aws, home));
            out.flush();
            serve.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
                stop.run();
            } catch (IllegalStateException shuttingDown) {
                // The hook is doing it.
            }
        }
    }

    /**
     * Waits, once its own imports have ended, for those of other commands using this serve, at
     * most {@link LocalContext#DEFAULT_TIMEOUT}: closing the emulators under one left it half
     * written, the command saying only "Connection refused" (found by review "interrupts" on 7
     * December 2026). An import counts where its lease was renewed lately (more than half of it
     * left: a command renews every quarter, and gives it back when stopped), and is not one this
     * serve found left unfinished as it started: those of killed commands hold a lease no one
     * renews, and Ctrl-C waited it out (review "own52c").
     */
    private void awaitCommandsImporting() {
        // a leftover counts again once its lease moved: a command (finishStoppedImports) took it over (review "own52e")
        var leftAtStart = unfinished.stream().collect(Collectors.toMap(Serve::upload, BucketImports.Unfinished::leaseUntil, (a, b) -> a));
        var halfALease = aws.config().lease().dividedBy(2);
        var deadline = Instant.now().plus(LocalContext.DEFAULT_TIMEOUT);
        boolean said = false;
        try {
            while (Instant.now().isBefore(deadline)) {
                var renewedLately = Instant.now().plus(halfALease);
                var leased = BucketImports.unfinishedOnly(aws).stream()
                        .filter(left -> !left.leaseUntil().equals(leftAtStart.get(upload(left))))
                        .filter(left -> left.leaseUntil().isAfter(renewedLately)).toList();
                if (leased.isEmpty()) {
                    if (said) { // the command reads its report once its import has ended: not "Connection refused" then
                        Thread.sleep(REPORT_GRACE.toMillis());
                    }
                    return;
                }
                if (!said) {
                    err.println("intake serve: stopping once the " + leased.size() + " import(s) of other commands using it"
                            + " have finished (" + leased.getFirst().key() + (leased.size() > 1 ? ", …" : "") + ")...");
                    said = true;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException emulatorGone) {
            // nothing more to wait for
        }
    }

    /**
     * Which upload an unfinished import is of: its key, eTag and sequencer (the local bucket keeps
     * no versions, so a re-upload of a key is told apart by its sequencer: review "own52d").
     */
    private static String upload(BucketImports.Unfinished left) {
        return left.key() + " " + left.eTag() + " " + left.sequencer();
    }

    /** Delivers each unfinished import's event again once its lease has run out (before, its claim would turn it away). */
    private void resumeUnfinished() {
        for (var left : unfinished) {
            var wait = Duration.between(Instant.now(), left.leaseUntil()).plus(POLL_INTERVAL);
            err.println("intake serve: " + left.key() + ": an import a stopped serve left unfinished; it resumes"
                    + (wait.isNegative() ? " now" : " in " + Math.max(1, wait.toSeconds()) + " s, when its lease runs out"));
            running.incrementAndGet();
            Runnable resume = () -> deliver(left.key(), invoke -> left.eventJson(aws.region(), aws.bucket()));
            waitingResumes.add(poller.schedule(() -> deliveries.deliver(resume), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS));
        }
    }

    /** Lists the bucket, then lists it again after {@link #POLL_INTERVAL}, or {@link #IDLE_POLL_INTERVAL} when idle. */
    private void pollThenWait() {
        var now = Instant.now();
        if (poll() || running.get() > 0) {
            lastBusy = now;
        }
        var wait = Duration.between(lastBusy, now).compareTo(IDLE_AFTER) > 0 ? IDLE_POLL_INTERVAL : POLL_INTERVAL;
        try {
            poller.schedule(this::pollThenWait, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // close() has begun: no more listings.
        }
    }

    /** Delivers the uploads that landed since the last listing: whether there were any. */
    private boolean poll() {
        try {
            var landed = watcher.newObjects();
            for (var object : landed) {
                if (!aws.deliveredByACommand(aws.bucket(), object.key()) && reportFits(object.key())) {
                    running.incrementAndGet();
                    deliveries.deliver(() -> deliver(object.key(), invoke -> invoke.eventFor(aws.bucket(), object)));
                }
            }
            pollFailing = false;
            return !landed.isEmpty();
        } catch (RuntimeException e) {
            // Said once, not every half second; the next successful listing carries on.
            if (!pollFailing) {
                err.println("intake serve: cannot list s3://" + aws.bucket() + ": " + IntakeCli.describe(e));
            }
            pollFailing = true;
            return false;
        }
    }

    /**
     * Whether the local S3 emulator can hold the report of {@code key}: an upload it cannot was
     * imported, its records written, and its report lost.
     * Said on stderr, and not imported, as {@code ./intake import} refuses it.
     */
    private boolean reportFits(String key) {
        try {
            if (aws.s3OnLocalDisk()) {
                LocalInvoke.refuseTooLongForTheLocalDisk(key);
            }
            return true;
        } catch (CliFailure tooLong) {
            err.println("intake serve: " + key + ": not imported: " + tooLong.getMessage());
            return false;
        }
    }

    /**
     * Delivers the event for {@code key} that {@code event} makes. A failure that left the import
     * unfinished (its deadline reached mid-commit) says so and what finishes it; uploading the file
     * again, which the serve advised until 5 December 2026, imported it a second time.
     */
    private void deliver(String key, Function<LocalInvoke, String> event) {
        deliver(key, event, 1);
    }

    private void deliver(String key, Function<LocalInvoke, String> event, int attempt) {
        LocalInvoke invoke = null;
        String eventJson = null;
        try {
            invoke = new LocalInvoke(aws, sequencer, out, err, progress, LocalInvoke.ReportStyle.SUMMARY);
            eventJson = event.apply(invoke);
            invoke.deliver(eventJson);
        } catch (RuntimeException e) {
            if (givenBackForAnEarlierUpload(e)) {
                if (attempt >= GIVEN_BACK_ATTEMPTS || !retryLater(key, eventJson, attempt)) {
                    err.println("intake serve: " + key + ": not imported yet, nothing written: an earlier upload of this key"
                            + " still has not finished; the next ./intake import, invoke, catalog or serve delivers it again");
                }
                return;
            }
            boolean writesBehind = eventJson != null && invoke.leftWritesBehind(eventJson);
            err.println("intake serve: " + key + ": " + IntakeCli.describe(e) + (writesBehind
                    ? " (it had begun writing and is left unfinished: the next ./intake serve, import, invoke or catalog"
                            + " finishes it; uploading the file again would import it a second time)"
                    : " (upload the file again to retry)"));
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * Whether {@code e} is the function giving an upload back because an earlier upload of its key
     * has not finished: Lambda retries such a delivery; locally the serve does (below).
     */
    private static boolean givenBackForAnEarlierUpload(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EarlierUploadUnfinishedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the same event again once a lease has run out, as Lambda retries a failed
     * invocation: by then the earlier upload (one a stopped serve left, which this serve resumes
     * when its lease runs out) has usually finished. Found by review on 6 December 2026: a
     * correction given back stayed unimported for as long as the serve ran. False when stopping.
     */
    private boolean retryLater(String key, String eventJson, int attempt) {
        var wait = aws.config().lease().plus(POLL_INTERVAL);
        err.println("intake serve: " + key + ": an earlier upload of this key has not finished; delivered again in "
                + wait.toSeconds() + " s");
        running.incrementAndGet();
        Runnable again = () -> deliver(key, invoke -> eventJson, attempt + 1);
        try {
            var scheduled = poller.schedule(() -> deliveries.deliver(again), wait.toMillis(), TimeUnit.MILLISECONDS);
            waitingResumes.add(scheduled);
            // close() may have cancelled the waiting resumes between the schedule and the add: its
            // poller drops delayed tasks, so this one would never run, nor be counted out
            if (closing && scheduled.cancel(false)) {
                running.decrementAndGet();
                return false;
            }
            return true;
        } catch (RejectedExecutionException stopping) {
            running.decrementAndGet();
            return false;
        }
    }

    /** Stops watching, lets the imports under way finish (they cannot be cut short safely), and returns. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        closing = true;
        for (var resume : waitingResumes) {
            if (resume.cancel(false)) { // the next serve resumes it; waiting out its lease here kept Ctrl-C waiting
                running.decrementAndGet();
            }
        }
        poller.shutdown();
        try {
            poller.awaitTermination(1, TimeUnit.MINUTES);
            int notBegun = deliveries.dropWaiting();
            if (notBegun > 0) {
                running.addAndGet(-notBegun);
                err.println("intake serve: " + notBegun + " upload(s) waiting their turn are left to the next serve, which imports them as it starts");
            }
            if (running.get() > 0) {
                err.println("intake serve: stopping once the " + running.get() + " import(s) under way have finished...");
            }
            deliveries.awaitUnderWay(LocalContext.DEFAULT_TIMEOUT.toMinutes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }
}
