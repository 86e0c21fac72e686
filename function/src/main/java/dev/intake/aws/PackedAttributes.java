package dev.intake.aws;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Attribute values packed into one compressed binary value, for the journal and for a PO's
 * {@link dev.intake.core.purchasing.PoLinePage page of lines}: a hundred before-states as nested
 * maps are over a thousand attributes that DynamoDB bills by the KB and parses one by one; packed,
 * they are one binary attribute a fraction of the size. Each value is
 * a type tag and its content; strings (numbers too, as DynamoDB sends them) in UTF-8 with a length.
 */
final class PackedAttributes {

    private static final byte S = 's';
    private static final byte N = 'n';
    private static final byte B = 'b';
    private static final byte TRUE = 't';
    private static final byte FALSE = 'f';
    private static final byte NULL = '0';
    private static final byte M = 'm';
    private static final byte L = 'l';
    private static final byte SS = 'S';
    private static final byte NS = 'N';

    private static final int BUFFER = 8_192;

    private PackedAttributes() {}

    static AttributeValue pack(List<AttributeValue> values) {
        var bytes = new ByteArrayOutputStream();
        // Buffered: unbuffered, every tag and length (a few bytes) was a call into zlib of its own,
        // and packing a hundred thousand before-states took over a second instead of a quarter of one.
        try (var out = new DataOutputStream(new BufferedOutputStream(new DeflaterOutputStream(bytes), BUFFER))) {
            out.writeInt(values.size());
            for (var value : values) {
                write(out, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes.toByteArray()));
    }

    static List<AttributeValue> unpack(AttributeValue packed) {
        var compressed = new ByteArrayInputStream(packed.b().asByteArrayUnsafe());
        try (var in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(compressed), BUFFER))) {
            int count = in.readInt();
            var values = new ArrayList<AttributeValue>(count);
            for (int i = 0; i < count; i++) {
                values.add(read(in));
            }
            return values;
        } catch (IOException e) {
            throw new IllegalStateException("a packed value that cannot be read", e);
        }
    }

    private static void write(DataOutputStream out, AttributeValue value) throws IOException {
        switch (value.type()) {
            case S -> tagged(out, S, value.s());
            case N -> tagged(out, N, value.n());
            case B -> {
                out.writeByte(B);
                var bytes = value.b().asByteArrayUnsafe();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            case BOOL -> out.writeByte(value.bool() ? TRUE : FALSE);
            case NUL -> out.writeByte(NULL);
            case M -> {
                out.writeByte(M);
                out.writeInt(value.m().size());
                for (var entry : value.m().entrySet()) {
                    text(out, entry.getKey());
                    write(out, entry.getValue());
                }
            }
            case L -> {
                out.writeByte(L);
                out.writeInt(value.l().size());
                for (var element : value.l()) {
                    write(out, element);
                }
            }
            case SS -> texts(out, SS, value.ss());
            case NS -> texts(out, NS, value.ns());
            default -> throw new IllegalArgumentException("cannot pack a value of type " + value.type());
        }
    }

    private static AttributeValue read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case S -> AttributeValue.fromS(text(in));
            case N -> AttributeValue.fromN(text(in));
            case B -> AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(in.readNBytes(in.readInt())));
            case TRUE -> AttributeValue.fromBool(true);
            case FALSE -> AttributeValue.fromBool(false);
            case NULL -> AttributeValue.fromNul(true);
            case M -> {
                int size = in.readInt();
                var map = new LinkedHashMap<String, AttributeValue>();
                for (int i = 0; i < size; i++) {
                    map.put(text(in), read(in));
                }
                yield AttributeValue.fromM(map);
            }
            case L -> {
                int size = in.readInt();
                var list = new ArrayList<AttributeValue>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(in));
                }
                yield AttributeValue.fromL(list);
            }
            case SS -> AttributeValue.fromSs(texts(in));
            case NS -> AttributeValue.fromNs(texts(in));
            default -> throw new IOException("unknown tag " + tag);
        };
    }

    private static void tagged(DataOutputStream out, byte tag, String text) throws IOException {
        out.writeByte(tag);
        text(out, text);
    }

    private static void texts(DataOutputStream out, byte tag, List<String> texts) throws IOException {
        out.writeByte(tag);
        out.writeInt(texts.size());
        for (var text : texts) {
            text(out, text);
        }
    }

    private static void text(DataOutputStream out, String text) throws IOException {
        var bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }

    private static List<String> texts(DataInputStream in) throws IOException {
        int size = in.readInt();
        var texts = new ArrayList<String>(size);
        for (int i = 0; i < size; i++) {
            texts.add(text(in));
        }
        return texts;
    }
}
