package org.pdao.dataspace.internal.gate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The byte form of a result that is sealed at rest: its columns and rows, every cell normalised to one of
 * {@code null}, {@link Long}, {@link BigDecimal}, {@link Boolean} or {@link String} (dates and other values as their
 * ISO text), so that the SM3 digest of the plaintext is the same however often it is written.
 */
public final class ResultCodec {

    private static final int VERSION = 1;
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DECIMAL = 2;
    private static final byte BOOLEAN = 3;
    private static final byte TEXT = 4;

    /** Columns and rows as they are stored and released. */
    public record Table(List<ResultColumn> columns, List<List<Object>> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows.stream().map(r -> Collections.unmodifiableList(new ArrayList<>(r))).toList());
        }
    }

    private ResultCodec() {}

    public static Table normalised(List<ResultColumn> columns, List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> cells = new ArrayList<>(row.size());
            for (Object cell : row) {
                cells.add(normalise(cell));
            }
            out.add(cells);
        }
        return new Table(columns, out);
    }

    public static Object normalise(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : String.valueOf(d);
        }
        if (value instanceof Boolean) {
            return value;
        }
        return value.toString();
    }

    public static byte[] encode(Table table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(table.columns().size());
            for (ResultColumn c : table.columns()) {
                out.writeUTF(c.name());
                out.writeUTF(c.sqlType());
                out.writeUTF(c.disclosure().name());
            }
            out.writeInt(table.rows().size());
            for (List<Object> row : table.rows()) {
                out.writeInt(row.size());
                for (Object cell : row) {
                    write(out, cell);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Table decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != VERSION) {
                throw new IllegalStateException("unknown sealed result version");
            }
            int n = in.readInt();
            List<ResultColumn> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                columns.add(new ResultColumn(in.readUTF(), in.readUTF(), ResultColumn.Disclosure.valueOf(in.readUTF())));
            }
            int rows = in.readInt();
            List<List<Object>> out = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                int cells = in.readInt();
                List<Object> row = new ArrayList<>(cells);
                for (int c = 0; c < cells; c++) {
                    row.add(read(in));
                }
                out.add(row);
            }
            return new Table(columns, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, Object cell) throws IOException {
        Object v = normalise(cell);
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            writeLong(out, d.toString());
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else {
            out.writeByte(TEXT);
            writeLong(out, v.toString());
        }
    }

    private static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DECIMAL -> new BigDecimal(readLong(in));
            case BOOLEAN -> in.readBoolean();
            case TEXT -> readLong(in);
            default -> throw new IllegalStateException("unknown cell tag " + tag);
        };
    }

    /** Text of any length (writeUTF stops at 64 KB). */
    private static void writeLong(DataOutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
