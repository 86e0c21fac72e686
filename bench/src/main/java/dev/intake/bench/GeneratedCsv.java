package dev.intake.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/**
 * A CSV file as a stream that makes each row when it is read, so that the file itself takes no
 * heap: what the memory check measures is the importer's, not the test data's.
 */
final class GeneratedCsv {

    private GeneratedCsv() {}

    /** {@code header} (with its line break), then {@code row.apply(i)} for i from 0 to rows - 1 (each with its own). */
    static InputStream stream(String header, int rows, IntFunction<String> row) {
        return new InputStream() {
            private byte[] chunk = header.getBytes(StandardCharsets.UTF_8);
            private int position;
            private int next;

            @Override
            public int read() {
                if (!fill()) {
                    return -1;
                }
                return chunk[position++] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(length, chunk.length - position);
                System.arraycopy(chunk, position, buffer, offset, n);
                position += n;
                return n;
            }

            private boolean fill() {
                while (position == chunk.length) {
                    if (next == rows) {
                        return false;
                    }
                    chunk = row.apply(next++).getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                return true;
            }
        };
    }
}
