package dev.intake.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running {@code ./intake serve} tells the other commands through the state folder, whose
 * lock it holds: {@code serve.json} names its process and endpoints, so that a command finding
 * the folder locked uses that serve instead of failing. (Which uploads a command delivers itself
 * the uploads say: {@link LocalAws#COMMAND_UPLOAD}.)
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
    /** Notes of commands' uploads that versions before 5 December 2026 kept here: reset deletes a folder left behind. */
    static final String UPLOADS = "serve-uploads";
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

    private void write(Endpoints endpoints) {
        try {
            var file = directory.resolve(FILE);
            var partial = directory.resolve(FILE + ".tmp");
            Files.writeString(partial, JSON.writeValueAsString(endpoints), StandardCharsets.UTF_8);
            FileReplacement.moveIntoPlace(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE), e);
        }
    }
}
