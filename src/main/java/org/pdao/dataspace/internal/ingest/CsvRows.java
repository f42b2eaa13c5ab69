package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A streaming RFC 4180 CSV reader: quoted fields, doubled quotes, LF or CRLF line ends. It reads
 * through its own character buffer (no per-character locking) and gives an unquoted empty field as
 * null and a quoted empty field ({@code ""}) as the empty string.
 */
public final class CsvRows {

    /** A row that cannot be read (an unterminated quote); carries no data. */
    public static final class Malformed extends IOException {
        Malformed() {
            super("malformed CSV");
        }
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private final List<@Nullable String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();

    public CsvRows(Reader in) {
        this.in = in;
    }

    /** The next row, or null at the end. */
    public @Nullable String @Nullable [] next() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        fields.clear();
        while (true) {
            if (position == limit && !fill()) {
                fields.add(null);
                break;
            }
            char c = buffer[position];
            if (c == '"') {
                position++;
                fields.add(quoted());
                if (position == limit && !fill()) {
                    break;
                }
                c = buffer[position++];
                if (c == ',') {
                    continue;
                }
                if (c == '\r') {
                    skipLineFeed();
                    break;
                }
                if (c == '\n') {
                    break;
                }
                throw new Malformed();
            }
            int start = position;
            while (position < limit) {
                c = buffer[position];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                position++;
            }
            if (position == limit) {
                field.setLength(0);
                field.append(buffer, start, position - start);
                if (!fill()) {
                    fields.add(field.isEmpty() ? null : field.toString());
                    break;
                }
                unquotedRest();
                if (position == limit) {
                    fields.add(field.isEmpty() ? null : field.toString());
                    break;
                }
                c = buffer[position];
                fields.add(field.isEmpty() ? null : field.toString());
            } else {
                fields.add(position == start ? null : new String(buffer, start, position - start));
            }
            position++;
            if (c == ',') {
                if (position == limit && !fill()) {
                    fields.add(null);
                    break;
                }
                continue;
            }
            if (c == '\r') {
                skipLineFeed();
            }
            break;
        }
        return fields.toArray(new String[0]);
    }

    /** Continues an unquoted field across buffer refills. */
    private void unquotedRest() throws IOException {
        while (true) {
            int start = position;
            while (position < limit) {
                char c = buffer[position];
                if (c == ',' || c == '\n' || c == '\r') {
                    field.append(buffer, start, position - start);
                    return;
                }
                position++;
            }
            field.append(buffer, start, position - start);
            if (!fill()) {
                return;
            }
        }
    }

    private String quoted() throws IOException {
        field.setLength(0);
        while (true) {
            if (position == limit && !fill()) {
                throw new Malformed();
            }
            int start = position;
            while (position < limit && buffer[position] != '"') {
                position++;
            }
            field.append(buffer, start, position - start);
            if (position == limit) {
                continue;
            }
            position++;
            if (position == limit && !fill()) {
                return field.toString();
            }
            if (buffer[position] == '"') {
                field.append('"');
                position++;
            } else {
                return field.toString();
            }
        }
    }

    private void skipLineFeed() throws IOException {
        if ((position < limit || fill()) && buffer[position] == '\n') {
            position++;
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        position = 0;
        limit = Math.max(0, n);
        return n > 0;
    }
}
