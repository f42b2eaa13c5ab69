package org.pdao.dataspace.internal.gate.watermark;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A file handed in for a leak trace, read by its content (never by its name): a JSON table (an array of objects, an
 * array of arrays, or an object holding one under {@code rows}/{@code data}/{@code items}) or a delimited text table
 * (comma, tab as pasted from a spreadsheet, or semicolon; UTF-8 with or without BOM, or GB18030). Cells are kept as
 * the text they show; the first row may be a header.
 */
public record LeakedFile(Format format, List<String> names, List<List<String>> rows) {

    public enum Format { CSV, JSON }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    public LeakedFile {
        names = List.copyOf(names);
        rows = List.copyOf(rows);
    }

    /** The table in {@code bytes}, or empty when it is neither a JSON table nor a delimited text table. */
    public static Optional<LeakedFile> read(byte[] bytes) {
        Optional<String> text = decode(bytes);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get().strip();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).strip();
        }
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.startsWith("[") || t.startsWith("{")) {
            return json(t);
        }
        return delimited(t);
    }

    // --- JSON

    private static Optional<LeakedFile> json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        JsonNode table = root;
        List<String> declared = new ArrayList<>();
        if (root.isObject()) {
            for (String key : List.of("rows", "data", "items", "records")) {
                if (root.get(key) != null && root.get(key).isArray()) {
                    table = root.get(key);
                    break;
                }
            }
            JsonNode columns = root.get("columns");
            if (columns != null && columns.isArray()) {
                for (JsonNode c : columns.values()) {
                    declared.add(c.isObject() && c.get("name") != null ? c.get("name").asString() : c.asString());
                }
            }
        }
        if (!table.isArray()) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>(declared);
        for (JsonNode row : table.values()) {
            if (row.isObject()) {
                names.addAll(row.propertyNames());
            }
        }
        List<String> header = new ArrayList<>(names);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : table.values()) {
            List<String> cells = new ArrayList<>();
            if (row.isObject()) {
                for (String name : header) {
                    cells.add(cell(row.get(name)));
                }
            } else if (row.isArray()) {
                for (JsonNode v : row.values()) {
                    cells.add(cell(v));
                }
            } else {
                return Optional.empty();
            }
            rows.add(cells);
        }
        return Optional.of(new LeakedFile(Format.JSON, header, rows));
    }

    private static String cell(JsonNode v) {
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        if (v.isString()) {
            return v.stringValue();
        }
        return v.toString();
    }

    // --- delimited text

    private static Optional<LeakedFile> delimited(String text) {
        char delimiter = delimiter(text);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (ch == delimiter) {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                if (!(row.size() == 1 && row.get(0).isBlank())) {
                    rows.add(row);
                }
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        row.add(cell.toString());
        if (!(row.size() == 1 && row.get(0).isBlank())) {
            rows.add(row);
        }
        if (rows.isEmpty() || rows.stream().allMatch(r -> r.size() < 2) && rows.size() < 2) {
            return Optional.empty();
        }
        List<String> names = rows.get(0).stream().map(CellVariants::light).toList();
        return Optional.of(new LeakedFile(Format.CSV, names, rows.subList(1, rows.size())));
    }

    /** The delimiter that splits the first lines most consistently. */
    private static char delimiter(String text) {
        String[] lines = text.split("\r?\n", 6);
        char best = ',';
        int bestScore = -1;
        for (char d : new char[] {',', '\t', ';', '|'}) {
            int first = -1;
            int score = 0;
            for (String line : lines) {
                int n = (int) line.chars().filter(ch -> ch == d).count();
                if (first < 0) {
                    first = n;
                }
                if (n > 0 && n == first) {
                    score += n;
                }
            }
            if (score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        return best;
    }

    private static Optional<String> decode(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return Optional.empty();
            }
        }
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"))) {
            try {
                String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                long control = text.chars().filter(ch -> ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t').count();
                return control > 0 ? Optional.empty() : Optional.of(text);
            } catch (CharacterCodingException e) {
                // try the next one
            }
        }
        return Optional.empty();
    }

    /** The header, as column name → position, folded for comparison. */
    Map<String, Integer> positions() {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.putIfAbsent(CellVariants.fold(names.get(i)).toLowerCase(java.util.Locale.ROOT), i);
        }
        return out;
    }
}
