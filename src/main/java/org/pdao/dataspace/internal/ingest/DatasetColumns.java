package org.pdao.dataspace.internal.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;

/**
 * The columns of a dataset as its catalog resource describes them: each column of the source matched
 * to a catalog field (by field name, or by its label, e.g. a Chinese spreadsheet header), its grade
 * (the catalog's, or higher when the operator raises it — never lower, NJ-14) and the format it is
 * profiled against; and the person-key column (the data subject), by default the catalog's.
 */
public record DatasetColumns(List<Column> columns, String personKey) {

    public record Column(String name, int grade, @Nullable ColumnFormat format) {}

    public static final RuleRef GRADES_RULE = new RuleRef("NJ-14", "《南京市公共数据授权运营管理暂行办法》第十四条",
            "Nanjing Interim Measures on Authorized Operation of Public Data, Art. 14");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public DatasetColumns {
        columns = List.copyOf(columns);
    }

    /**
     * Matches the source's {@code header} to {@code resource}; refuses unknown or missing columns
     * (unknown ones by position, never by their text, which might be data; missing fields by name), a person key that is not the catalog's, and a grade below the catalog's.
     */
    public static DatasetColumns resolve(CatalogResourceView resource, List<String> header, @Nullable String personKey,
            Map<String, Integer> raised) {
        List<CatalogResourceView.Field> matched = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int position = 0; position < header.size(); position++) {
            String column = header.get(position);
            Optional<CatalogResourceView.Field> field = resource.fields().stream()
                    .filter(f -> f.name().equals(column.trim()) || f.label().equals(column.trim())).findFirst();
            if (field.isEmpty()) {
                // by position only: a file without a header would otherwise echo a data row
                unknown.add(String.valueOf(position + 1));
            } else if (!seen.add(field.get().name())) {
                throw ProblemException.badRequest("dataspace.dataset.column-duplicate", field.get().name());
            } else {
                matched.add(field.get());
            }
        }
        List<String> missing = resource.fields().stream().map(CatalogResourceView.Field::name)
                .filter(name -> !seen.contains(name)).toList();
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw ProblemException.badRequest("dataspace.dataset.columns-mismatch", names(unknown), names(missing));
        }
        for (CatalogResourceView.Field field : matched) {
            if (!IDENTIFIER.matcher(field.name()).matches()) {
                throw ProblemException.badRequest("dataspace.dataset.column-invalid");
            }
        }
        for (Map.Entry<String, Integer> grade : raised.entrySet()) {
            CatalogResourceView.Field field = resource.field(grade.getKey()).orElseThrow(
                    () -> ProblemException.badRequest("dataspace.dataset.grade-unknown-column", grade.getKey()));
            if (grade.getValue() == null || grade.getValue() < 1 || grade.getValue() > 4) {
                throw ProblemException.badRequest("dataspace.dataset.grade-invalid");
            }
            if (grade.getValue() < field.grade()) {
                throw ProblemException.ruleViolation(GRADES_RULE, "dataspace.dataset.grade-below-catalog",
                        field.name(), field.grade());
            }
        }
        List<String> catalogKeys = resource.fields().stream().filter(CatalogResourceView.Field::personKey)
                .map(CatalogResourceView.Field::name).toList();
        String key;
        if (personKey == null || personKey.isBlank()) {
            if (catalogKeys.isEmpty()) {
                throw ProblemException.badRequest("dataspace.dataset.person-key-missing");
            }
            key = catalogKeys.get(0);
        } else {
            key = personKey.trim();
            if (!seen.contains(key)) {
                throw ProblemException.badRequest("dataspace.dataset.person-key-missing");
            }
            if (!catalogKeys.isEmpty() && !catalogKeys.contains(key)) {
                throw ProblemException.badRequest("dataspace.dataset.person-key-not-catalog", names(catalogKeys));
            }
        }
        List<Column> columns = new ArrayList<>();
        for (CatalogResourceView.Field field : matched) {
            int grade = Math.max(field.grade(), raised.getOrDefault(field.name(), field.grade()));
            ColumnFormat format = ColumnFormat.of(field).orElse(field.name().equals(key) ? ColumnFormat.ID_NUMBER : null);
            columns.add(new Column(field.name(), grade, format));
        }
        return new DatasetColumns(columns, key);
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The grades as stored: {@code column=grade}, sorted by column, comma-separated. */
    public String gradesText() {
        Map<String, Integer> sorted = new TreeMap<>();
        columns.forEach(c -> sorted.put(c.name(), c.grade()));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    public Map<String, Integer> grades() {
        Map<String, Integer> grades = new LinkedHashMap<>();
        columns.forEach(c -> grades.put(c.name(), c.grade()));
        return grades;
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "-" : String.join(", ", names);
    }
}
