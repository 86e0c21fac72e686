package dev.intake.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What Linux tells about processes and sockets, read around a sample. */
final class MachineCounters {

    private static final List<Path> TCP_TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private MachineCounters() {}

    /**
     * The client-side ports of the TCP connections to {@code port} that the kernel knows of, open
     * or in TIME_WAIT (60 s after closing): two calls around a sample tell which connections it
     * opened, whoever closed them. Empty where /proc/net is unreadable.
     */
    static Set<Integer> clientPortsOfConnectionsTo(int port) {
        var clientPorts = new HashSet<Integer>();
        for (Path table : TCP_TABLES) {
            try (var lines = Files.lines(table)) {
                lines.skip(1).forEach(line -> {
                    String[] fields = line.trim().split("\\s+");
                    int local = portOf(fields[1]);
                    int remote = portOf(fields[2]);
                    if (remote == port) {
                        clientPorts.add(local);
                    } else if (local == port && remote != 0) {
                        clientPorts.add(remote); // the server's end of one: the same connection
                    }
                });
            } catch (IOException | RuntimeException unreadable) {
                // No such table (no IPv6), or not Linux: count nothing.
            }
        }
        return clientPorts;
    }

    /** {@code 0100007F:1F90} (address:port, hexadecimal) → 8080. */
    private static int portOf(String addressAndPort) {
        return Integer.parseInt(addressAndPort.substring(addressAndPort.lastIndexOf(':') + 1), 16);
    }

    /** The CPU time a process has used so far. */
    static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** The 1-minute load average, to print beside the results. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unavailable) {
            return "?";
        }
    }
}
