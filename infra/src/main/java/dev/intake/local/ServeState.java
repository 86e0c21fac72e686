package dev.intake.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a running {@code ./intake serve} tells the other commands through the state folder, whose
 * lock it holds: {@code serve.json} names its process and endpoints, so that a command finding
 * the folder locked uses that serve instead of failing; and {@code serve-uploads/} holds one file
 * per upload that a command delivers to the handler itself, so that the serve's bucket watcher
 * does not import the same upload a second time.
 */
final class ServeState {

    /** A running serve: its process, and its endpoints once both emulators answer (null before). */
    record Endpoints(long pid, String s3, String dynamodb) {
        boolean ready() {
            return s3 != null && dynamodb != null;
        }

        /** Whether its process still runs: a killed serve leaves its file behind. */
        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    static final String FILE = "serve.json";
    static final String UPLOADS = "serve-uploads";
    /** A claim the watcher never took (the command died before its upload) stops counting after this. */
    static final Duration CLAIM_LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    ServeState(Path stateDirectory) {
        this.directory = stateDirectory;
    }

    /** Written by the serve as soon as it holds the lock, so commands wait for it instead of failing. */
    void starting() {
        write(new Endpoints(ProcessHandle.current().pid(), null, null));
    }

    void ready(String s3, String dynamodb) {
        write(new Endpoints(ProcessHandle.current().pid(), s3, dynamodb));
    }

    /** The serve has stopped, or died and left its file behind (then whoever holds the lock now cleans up). */
    void clear() {
        try {
            Files.deleteIfExists(directory.resolve(FILE));
            var uploads = directory.resolve(UPLOADS);
            if (Files.isDirectory(uploads)) {
                try (var claims = Files.list(uploads)) {
                    for (var claim : claims.toList()) {
                        Files.deleteIfExists(claim);
                    }
                }
                Files.deleteIfExists(uploads);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory.resolve(FILE), e);
        }
    }

    /** The serve that holds the state folder, once it is ready; empty when there is none (or it died). */
    Optional<Endpoints> awaitReady(Duration timeout) throws InterruptedException {
        var deadline = Instant.now().plus(timeout);
        while (true) {
            var found = read();
            if (found.isEmpty() || !found.get().alive()) {
                return Optional.empty();
            }
            if (found.get().ready()) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            Thread.sleep(100);
        }
    }

    Optional<Endpoints> read() {
        try {
            var text = Files.readString(directory.resolve(FILE), StandardCharsets.UTF_8);
            return Optional.of(JSON.readValue(text, Endpoints.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Half-written by a serve that is starting or stopping: as good as none.
            return Optional.empty();
        }
    }

    /** Said by a command before it uploads an object it will deliver to the handler itself. */
    void claimUpload(String bucket, String key) {
        try {
            var uploads = Files.createDirectories(directory.resolve(UPLOADS));
            Files.writeString(uploads.resolve(claimPrefix(bucket, key) + UUID.randomUUID()), bucket + "/" + key,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the running ./intake serve about an upload", e);
        }
    }

    /** Asked by the watcher for each new object: true (and the claim is used up) when a command delivers it. */
    boolean takeClaim(String bucket, String key) {
        var uploads = directory.resolve(UPLOADS);
        if (!Files.isDirectory(uploads)) {
            return false;
        }
        var prefix = claimPrefix(bucket, key);
        var oldest = Instant.now().minus(CLAIM_LIFETIME);
        try (var claims = Files.list(uploads)) {
            List<Path> matching = claims.filter(claim -> claim.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(ServeState::modified))
                    .toList();
            for (var claim : matching) {
                boolean fresh = modified(claim).isAfter(oldest);
                if (Files.deleteIfExists(claim) && fresh) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uploads, e);
        }
    }

    private void write(Endpoints endpoints) {
        try {
            var file = directory.resolve(FILE);
            var partial = directory.resolve(FILE + ".tmp");
            Files.writeString(partial, JSON.writeValueAsString(endpoints), StandardCharsets.UTF_8);
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE), e);
        }
    }

    private static String claimPrefix(String bucket, String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest((bucket + "/" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + ".";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
