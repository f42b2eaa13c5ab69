package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A streaming RFC 4180 CSV reader (quoted fields, doubled quotes, LF or CRLF, an unquoted empty field null and a
 * quoted empty one the empty string) over a file's bytes, giving every field as the UTF-8 bytes
 * the store's appender takes. The delimiters are ASCII and no byte of a multi-byte character in UTF-8 or GBK
 * (GB 18030) is one of them, so a field is found without decoding; a UTF-8 file's fields are then only checked
 * (ASCII fields at a glance), a GBK file's decoded field by field. Either way a malformed byte sequence ends the read
 * with a {@link CharacterCodingException}, as the decoding reader does.
 */
public final class CsvBytes {

    /** A row that cannot be read (an unterminated quote, a quote inside a field); carries no data. */
    public static final class Malformed extends IOException {
        Malformed() {
            super("malformed CSV");
        }
    }

    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] EMPTY = new byte[0];

    private final InputStream in;
    private final boolean utf8;
    private final CharsetDecoder decoder;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte @Nullable [][] fields = new byte[16][];
    private int count;
    private byte[] field = new byte[256];
    private int length;

    CsvBytes(InputStream in, Charset charset) {
        this.in = in;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The next row's fields as UTF-8 (null for an unquoted empty field), or null at the end. */
    byte @Nullable [][] next() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        count = 0;
        while (true) {
            if (position == limit && !fill()) {
                add(null);
                break;
            }
            byte c = buffer[position];
            if (c == QUOTE) {
                position++;
                quoted();
                add(text(field, 0, length));
                if (position == limit && !fill()) {
                    break;
                }
                c = buffer[position++];
                if (c == COMMA) {
                    continue;
                }
                if (c == CR) {
                    skipLineFeed();
                    break;
                }
                if (c == LF) {
                    break;
                }
                throw new Malformed();
            }
            int start = position;
            while (position < limit) {
                c = buffer[position];
                if (c == COMMA || c == LF || c == CR) {
                    break;
                }
                position++;
            }
            if (position == limit) {
                length = 0;
                append(start, position);
                if (!fill()) {
                    add(length == 0 ? null : text(field, 0, length));
                    break;
                }
                unquotedRest();
                add(length == 0 ? null : text(field, 0, length));
                if (position == limit) {
                    break;
                }
                c = buffer[position];
            } else {
                add(position == start ? null : text(buffer, start, position - start));
            }
            position++;
            if (c == COMMA) {
                if (position == limit && !fill()) {
                    add(null);
                    break;
                }
                continue;
            }
            if (c == CR) {
                skipLineFeed();
            }
            break;
        }
        return Arrays.copyOf(fields, count);
    }

    /** A field's bytes as UTF-8: a UTF-8 field checked and copied, a GBK field decoded and encoded. */
    private byte[] text(byte[] bytes, int offset, int size) throws CharacterCodingException {
        if (size == 0) {
            return EMPTY;
        }
        boolean ascii = true;
        for (int i = offset, end = offset + size; i < end; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return Arrays.copyOfRange(bytes, offset, offset + size);
        }
        CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, size));
        if (utf8) {
            return Arrays.copyOfRange(bytes, offset, offset + size);
        }
        return chars.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void add(byte @Nullable [] value) {
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, count * 2);
        }
        fields[count++] = value;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > field.length) {
            field = Arrays.copyOf(field, Math.max(field.length * 2, length + n));
        }
        System.arraycopy(buffer, from, field, length, n);
        length += n;
    }

    /** Continues an unquoted field across buffer refills. */
    private void unquotedRest() throws IOException {
        while (true) {
            int start = position;
            while (position < limit) {
                byte c = buffer[position];
                if (c == COMMA || c == LF || c == CR) {
                    append(start, position);
                    return;
                }
                position++;
            }
            append(start, position);
            if (!fill()) {
                return;
            }
        }
    }

    /** Reads a quoted field's content (after its opening quote) into {@link #field}. */
    private void quoted() throws IOException {
        length = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw new Malformed();
            }
            int start = position;
            while (position < limit && buffer[position] != QUOTE) {
                position++;
            }
            append(start, position);
            if (position == limit) {
                continue;
            }
            position++;
            if (position == limit && !fill()) {
                return;
            }
            if (buffer[position] == QUOTE) {
                append(position, position + 1);
                position++;
            } else {
                return;
            }
        }
    }

    private void skipLineFeed() throws IOException {
        if ((position < limit || fill()) && buffer[position] == LF) {
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
