package org.pdao.catalog.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;

/**
 * The spreadsheet layout of the resource catalog: one sheet (or CSV file), a header row, then one
 * row per field with the resource's columns repeated on every row of that resource. Rows with the
 * same resource name belong to one resource. Reads .xlsx (recognised by content) and CSV in UTF-8
 * or GBK; writes both.
 */
final class CatalogSheet {

    /** The columns in order: key (used in error reports), Chinese header, English header. */
    enum Column {
        NAME("name", "资源名称", "Resource name"),
        DESCRIPTION("description", "资源摘要", "Description"),
        DOMAIN("domain", "领域分类", "Domain"),
        CATEGORY("category", "类别", "Category"),
        UPDATE_FREQUENCY("updateFrequency", "更新频率", "Update frequency"),
        SHARING("sharing", "共享属性", "Sharing"),
        OPENING("opening", "开放属性", "Opening"),
        LEGAL_BASIS("legalBasis", "法律依据", "Legal basis"),
        RESTRICTIONS("restrictions", "限制标记", "Restrictions"),
        FIELD_NAME("fieldName", "字段名", "Field name"),
        FIELD_LABEL("fieldLabel", "字段中文名", "Field label"),
        FIELD_TYPE("fieldType", "字段类型", "Field type"),
        GRADE("grade", "分级", "Grade"),
        FIELD_CLASSIFICATION("fieldClassification", "字段分类", "Field classification"),
        PERSON_KEY("personKey", "个人标识", "Person key");

        final String key;
        final String headerZh;
        final String headerEn;

        Column(String key, String headerZh, String headerEn) {
            this.key = key;
            this.headerZh = headerZh;
            this.headerEn = headerEn;
        }

        String header() {
            return headerZh + " " + headerEn;
        }
    }

    /** One data row: its number as the spreadsheet shows it (header is row 1) and its cells by column. */
    record SheetRow(int number, Map<Column, String> cells) {
        String get(Column c) {
            return cells.getOrDefault(c, "").trim();
        }
    }

    static final int MAX_ROWS = 100_000;
    /** Catalog spreadsheets larger than this are refused before they are parsed (uploads to zones may be larger). */
    static final long MAX_BYTES = 20L * 1024 * 1024;

    private CatalogSheet() {}

    /** Reads an upload: .xlsx when the content is OOXML, CSV when the name says so; anything else is refused. */
    static List<SheetRow> read(byte[] content, @Nullable String filename, @Nullable String encoding) {
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(new ByteArrayInputStream(content))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw ProblemException.badRequest("catalog.import.unreadable");
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (magic == FileMagic.OOXML) {
            return readXlsx(content);
        }
        if (name.endsWith(".csv") && magic != FileMagic.OLE2 && magic != FileMagic.PDF) {
            return readCsv(decode(content, encoding));
        }
        throw ProblemException.badRequest("catalog.import.not-spreadsheet");
    }

    private static List<SheetRow> readXlsx(byte[] content) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            Sheet sheet = workbook.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS) {
                throw ProblemException.badRequest("catalog.import.too-many-rows", MAX_ROWS);
            }
            DataFormatter format = new DataFormatter(Locale.ROOT);
            List<SheetRow> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<Column, String> cells = new LinkedHashMap<>();
                boolean empty = true;
                for (Column c : Column.values()) {
                    Cell cell = row.getCell(c.ordinal());
                    String value = cell == null || cell.getCellType() == CellType.BLANK ? ""
                            : format.formatCellValue(cell);
                    empty &= value.isBlank();
                    cells.put(c, value);
                }
                if (!empty) {
                    rows.add(new SheetRow(r + 1, cells));
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw ProblemException.badRequest("catalog.import.unreadable");
        }
    }

    private static String decode(byte[] content, @Nullable String encoding) {
        if (encoding != null && !encoding.isBlank()) {
            try {
                return strict(Charset.forName(encoding.trim()), content);
            } catch (CharacterCodingException | IllegalArgumentException e) {
                throw ProblemException.badRequest("catalog.import.bad-encoding");
            }
        }
        try {
            return strict(StandardCharsets.UTF_8, content);
        } catch (CharacterCodingException notUtf8) {
            try {
                return strict(Charset.forName("GBK"), content);
            } catch (CharacterCodingException e) {
                throw ProblemException.badRequest("catalog.import.bad-encoding");
            }
        }
    }

    private static String strict(Charset charset, byte[] content) throws CharacterCodingException {
        String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
    static List<SheetRow> readCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                current.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                current.add(cell.toString());
                cell.setLength(0);
                records.add(current);
                current = new ArrayList<>();
                if (records.size() > MAX_ROWS + 1) {
                    throw ProblemException.badRequest("catalog.import.too-many-rows", MAX_ROWS);
                }
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !current.isEmpty()) {
            current.add(cell.toString());
            records.add(current);
        }
        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> values = records.get(r);
            if (values.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<Column, String> cells = new LinkedHashMap<>();
            for (Column c : Column.values()) {
                cells.put(c, c.ordinal() < values.size() ? values.get(c.ordinal()) : "");
            }
            rows.add(new SheetRow(r + 1, cells));
        }
        return rows;
    }

    /** The cells of one resource field as they appear in a spreadsheet row. */
    static List<String> cells(Resource r, ResourceField f) {
        return List.of(r.name(), r.description(), r.domain(), r.category(), r.updateFrequency().name(),
                r.sharing().name(), r.opening().name(), r.legalBasis() == null ? "" : r.legalBasis(),
                String.join(";", r.restrictions().stream().map(Enum::name).toList()), f.name(), f.label(), f.type(),
                String.valueOf(f.grade()), f.classification(), f.personKey() ? "是" : "否");
    }

    static byte[] xlsx(List<Resource> resources) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("资源目录 catalog");
            Row header = sheet.createRow(0);
            for (Column c : Column.values()) {
                header.createCell(c.ordinal()).setCellValue(c.header());
            }
            int r = 1;
            for (Resource resource : resources) {
                for (ResourceField f : resource.fields()) {
                    Row row = sheet.createRow(r++);
                    List<String> cells = cells(resource, f);
                    for (int i = 0; i < cells.size(); i++) {
                        row.createCell(i).setCellValue(cells.get(i));
                    }
                }
            }
            Sheet help = workbook.createSheet("说明 help");
            String[] lines = {
                "每行一个字段；同一资源的各行重复资源列。One row per field; repeat the resource columns on each row.",
                "更新频率 update frequency: REAL_TIME, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY, ON_DEMAND",
                "共享属性 sharing: UNCONDITIONAL 无条件共享, CONDITIONAL 有条件共享, NOT_SHARED 不予共享",
                "开放属性 opening: UNCONDITIONAL 无条件开放, CONDITIONAL 有条件开放, NOT_OPEN 不予开放",
                "有条件/不予共享或开放须填写法律依据 (TZM-14, TZM-16). Conditional/not shared/not open need a legal basis.",
                "分级 grade: 1 公开 public, 2 内部 internal, 3 敏感 sensitive, 4 重要/核心 highly sensitive",
                "限制标记 restrictions (; separated): NATIONAL_SECURITY, PUBLIC_INTEREST, PROHIBITED_BY_LAW, "
                        + "STATE_SECRET, PUBLIC_SECURITY, PRIVACY_WITHOUT_BASIS, TRADE_SECRET_WITHOUT_BASIS",
                "个人标识 person key: 是/否 (true/false)"};
            for (int i = 0; i < lines.length; i++) {
                help.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] csv(List<Resource> resources) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", java.util.Arrays.stream(Column.values()).map(c -> quote(c.header())).toList()))
                .append("\r\n");
        for (Resource resource : resources) {
            for (ResourceField f : resource.fields()) {
                out.append(String.join(",", cells(resource, f).stream().map(CatalogSheet::quote).toList()))
                        .append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
