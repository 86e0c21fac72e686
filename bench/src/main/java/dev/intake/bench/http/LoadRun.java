package dev.intake.bench.http;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;

/**
 * One throughput sample, in a JVM of its own that has the function's classpath and one HTTP
 * client's jars (started by {@link HttpClientBenchmark}). It first sends warm-up requests of
 * one item each, so that the JIT has compiled the request path (the HTTP client's above all)
 * before the measured range starts; then writes the measured range and prints one line:
 * {@code load seconds=.. cpuSeconds=.. serverCpuSeconds=.. connections=.. requests=.. unprocessed=..},
 * CPU times (this process's and the server's) and new TCP connections over the measured range only.
 *
 * <p>Arguments: client operation inFlight warmupRequests items endpoint table serverPid.
 */
public final class LoadRun {

    /** Warm-up items are numbered from here, so they never collide with the measured ones. */
    private static final long WARMUP_FIRST = 1_000_000_000L;

    private LoadRun() {}

    public static void main(String[] args) throws InterruptedException {
        var client = HttpClientChoice.byLabel(args[0]);
        var operation = Operation.byLabel(args[1]);
        int inFlight = Integer.parseInt(args[2]);
        long warmupRequests = Long.parseLong(args[3]);
        long items = Long.parseLong(args[4]);
        var endpoint = URI.create(args[5]);
        String table = args[6];
        long serverPid = Long.parseLong(args[7]);
        try (var writer = BulkWriter.open(client, endpoint, inFlight)) {
            writer.write(new Load(operation, table, WARMUP_FIRST, warmupRequests, 1));
            var connectionsBefore = MachineCounters.clientPortsOfConnectionsTo(endpoint.getPort());
            Duration serverBefore = MachineCounters.cpu(serverPid);
            Duration cpuBefore = MachineCounters.cpu(ProcessHandle.current().pid());
            long start = System.nanoTime();
            var counts = writer.write(Load.of(operation, table, 0, items));
            double seconds = (System.nanoTime() - start) / 1e9;
            Duration cpu = MachineCounters.cpu(ProcessHandle.current().pid()).minus(cpuBefore);
            Duration serverCpu = MachineCounters.cpu(serverPid).minus(serverBefore);
            var opened = new HashSet<>(MachineCounters.clientPortsOfConnectionsTo(endpoint.getPort()));
            opened.removeAll(connectionsBefore);
            System.out.printf("load seconds=%.4f cpuSeconds=%.4f serverCpuSeconds=%.4f connections=%d requests=%d unprocessed=%d%n",
                    seconds, cpu.toNanos() / 1e9, serverCpu.toNanos() / 1e9, opened.size(), counts.requests(),
                    counts.unprocessed());
        }
        System.exit(0); // whatever threads an HTTP client leaves behind
    }
}
