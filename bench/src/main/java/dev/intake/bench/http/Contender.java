package dev.intake.bench.http;

import java.util.Arrays;
import java.util.List;

/** A client in the throughput benchmark: an HTTP client, and for URLConnection the JDK's keep-alive setting. */
enum Contender {
    /** The JDK's default: at most 5 idle connections kept per destination ({@code http.maxConnections}). */
    URL_CONNECTION("url-connection", HttpClientChoice.URL_CONNECTION, false),
    /** {@code -Dhttp.maxConnections} raised to the number of requests in flight. */
    URL_CONNECTION_KEEP_ALIVE("url-connection-max", HttpClientChoice.URL_CONNECTION, true),
    CRT("crt", HttpClientChoice.CRT, false),
    CRT_ASYNC("crt-async", HttpClientChoice.CRT_ASYNC, false),
    APACHE("apache", HttpClientChoice.APACHE, false);

    private final String label;
    private final HttpClientChoice client;
    private final boolean keepsAliveInFlight;

    Contender(String label, HttpClientChoice client, boolean keepsAliveInFlight) {
        this.label = label;
        this.client = client;
        this.keepsAliveInFlight = keepsAliveInFlight;
    }

    String label() {
        return label;
    }

    HttpClientChoice client() {
        return client;
    }

    /** How the results name it. */
    String description(int inFlight) {
        return keepsAliveInFlight ? label + " (http.maxConnections=" + inFlight + ")" : label;
    }

    List<String> jvmOptions(int inFlight) {
        return keepsAliveInFlight ? List.of("-Dhttp.maxConnections=" + inFlight) : List.of();
    }

    static Contender byLabel(String label) {
        return Arrays.stream(values()).filter(contender -> contender.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no contender " + label + "; known: "
                        + Arrays.stream(values()).map(Contender::label).toList()));
    }
}
