package org.pdao.dataspace.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A streaming RFC 4180 CSV reader: quoted fields, doubled quotes, LF or CRLF line ends. */
final class CsvRows {

    /** A row that cannot be read (an unterminated quote); carries no data. */
    static final class Malformed extends IOException {
        Malformed() {
            super("malformed CSV");
        }
    }

    private final Reader in;
    private int peeked = -2;

    CsvRows(Reader in) {
        this.in = in;
    }

    /** The next row, or null at the end. */
    @Nullable List<String> next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new Malformed();
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == -1) {
                break;
            } else if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    peeked = n;
                }
                break;
            } else {
                field.append((char) c);
            }
            c = read();
        }
        fields.add(field.toString());
        return fields;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }
}
