package dev.intake.core.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 strictly and refuses NUL characters, but only once the reader reaches them: the
 * characters before a bad byte are delivered first, so the CSV parser has read every earlier row
 * and the error can name the row that holds it. ({@code InputStreamReader} fails a whole buffer
 * at once, up to 8 KB before the bad byte.)
 */
final class StrictUtf8Reader extends Reader {

    /** A NUL character: the file is binary, not text. */
    static final class BinaryDataException extends IOException {}

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean flushed;
    private IOException failure;
    /** The last character delivered; a line feed owed after it, see {@link #read}. */
    private char last;
    private boolean lineFeedGiven;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (failure != null) {
            return lineFeedOrFail(target, offset);
        }
        var out = CharBuffer.wrap(target, offset, length);
        while (out.position() == offset && !flushed) {
            var result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                failure = new MalformedInputException(result.length());
                break;
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                decoder.flush(out);
                flushed = true;
                break;
            }
            fill();
        }
        int decoded = out.position() - offset;
        for (int i = 0; i < decoded; i++) {
            if (target[offset + i] == '\0') {
                failure = new BinaryDataException();
                decoded = i;
                break;
            }
        }
        if (decoded > 0) {
            last = target[offset + decoded - 1];
            return decoded;
        }
        if (failure != null) {
            return lineFeedOrFail(target, offset);
        }
        return -1;
    }

    /**
     * The parser looks past a row's CR for an LF before it hands the row over: meeting the fault
     * there, it lost the row, and the error named that row, not the next (CR-only files, as Excel
     * for Mac writes; found by review on 4 December 2026). So an LF ends such a row first.
     */
    private int lineFeedOrFail(char[] target, int offset) throws IOException {
        if (last == '\r' && !lineFeedGiven) {
            lineFeedGiven = true;
            target[offset] = '\n';
            return 1;
        }
        throw failure;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
