package org.pdao.catalog.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.catalog.internal.CatalogSheet.Column;
import org.pdao.catalog.internal.CatalogSheet.SheetRow;
import org.pdao.shared.Actor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Imports a source unit's catalog spreadsheet all or nothing: every row is checked first; one bad
 * row and nothing is stored, and the answer lists every bad row with column, code and message.
 */
@Component
class CatalogImport {

    /** One problem of one row, with its message in the caller's language. */
    record RowError(int row, String column, String code, String message) {}

    /** The outcome: either what was stored, or the row-by-row report of why nothing was. */
    record Outcome(List<Resource> imported, List<RowError> errors) {
        boolean rejected() {
            return !errors.isEmpty();
        }
    }

    private static final Set<String> YES = Set.of("是", "Y", "YES", "TRUE", "1");
    private static final Set<String> NO = Set.of("否", "N", "NO", "FALSE", "0", "");

    private final ResourceCatalog catalog;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final CatalogArticles articles;

    CatalogImport(ResourceCatalog catalog, MessageSource messages, AuditTrail audit, CatalogArticles articles) {
        this.articles = articles;
        this.catalog = catalog;
        this.messages = messages;
        this.audit = audit;
    }

    Outcome importSheet(Actor actor, @Nullable UUID requestedUnit, byte[] content, @Nullable String filename,
            @Nullable String encoding) {
        UUID unit = catalog.sourceUnitFor(actor, requestedUnit);
        List<SheetRow> rows = CatalogSheet.read(content, filename, encoding);
        List<RowError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            errors.add(error(1, "name", "catalog.import.empty"));
        }
        Map<String, List<SheetRow>> rowsOf = new LinkedHashMap<>();
        Map<String, List<FieldInput>> fieldsOf = new LinkedHashMap<>();
        Map<String, Set<String>> fieldNamesOf = new LinkedHashMap<>();
        for (SheetRow row : rows) {
            List<Violation> violations = new ArrayList<>(ResourceRules.checkResource(resourceOf(row, List.of()), articles));
            Integer grade = grade(row.get(Column.GRADE));
            Boolean personKey = personKey(row.get(Column.PERSON_KEY));
            if (personKey == null) {
                violations.add(new Violation("personKey", "catalog.import.bad-person-key", null));
            }
            FieldInput field = new FieldInput(row.get(Column.FIELD_NAME), row.get(Column.FIELD_LABEL),
                    row.get(Column.FIELD_TYPE), grade, row.get(Column.FIELD_CLASSIFICATION), Boolean.TRUE.equals(personKey));
            violations.addAll(ResourceRules.checkField(field, articles));
            String name = row.get(Column.NAME);
            if (!name.isEmpty()) {
                if (!rowsOf.containsKey(name)) {
                    rowsOf.put(name, new ArrayList<>());
                    fieldsOf.put(name, new ArrayList<>());
                    fieldNamesOf.put(name, new HashSet<>());
                    if (catalog.nameTaken(unit, name)) {
                        violations.add(new Violation("name", "catalog.resource.name-taken", null));
                    }
                }
                rowsOf.get(name).add(row);
                String fieldName = row.get(Column.FIELD_NAME).toLowerCase(Locale.ROOT);
                if (!fieldName.isEmpty() && !fieldNamesOf.get(name).add(fieldName)) {
                    violations.add(new Violation("fieldName", "catalog.field.duplicate", null));
                }
                fieldsOf.get(name).add(field);
            }
            for (Violation v : violations) {
                errors.add(error(row.number(), v.column(), v.code(), v.args()));
            }
        }
        Map<String, SheetRow> resourceRowOf = new LinkedHashMap<>();
        rowsOf.forEach((name, sameResource) -> {
            SheetRow usual = ResourceColumns.usualRow(sameResource);
            resourceRowOf.put(name, usual);
            for (SheetRow row : sameResource) {
                ResourceColumns.firstDifference(usual, row).ifPresent(c ->
                        errors.add(error(row.number(), c.key, "catalog.import.inconsistent-resource")));
            }
        });
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(RowError::row));
            audit.record(AuditEvent.of("catalog.resource.import", "catalog-source-unit", unit)
                    .with("rows", rows.size()).with("badRows", errors.stream().map(RowError::row).distinct().count())
                    .refused("catalog.import.rejected", CatalogArticles.id(articles.attributes())));
            return new Outcome(List.of(), errors);
        }
        List<ValidResource> valid = new ArrayList<>();
        resourceRowOf.forEach((name, usual) -> valid.add(ResourceRules.valid(resourceOf(usual, fieldsOf.get(name)))));
        return new Outcome(catalog.importAll(actor, unit, valid), List.of());
    }

    private static ResourceInput resourceOf(SheetRow row, List<FieldInput> fields) {
        String marks = row.get(Column.RESTRICTIONS);
        List<String> restrictions = marks.isEmpty() ? List.of()
                : Arrays.stream(marks.split("[;；,，]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ResourceInput(row.get(Column.NAME), row.get(Column.DESCRIPTION), null, row.get(Column.DOMAIN),
                row.get(Column.CATEGORY), row.get(Column.UPDATE_FREQUENCY), row.get(Column.SHARING),
                row.get(Column.OPENING), row.get(Column.LEGAL_BASIS), restrictions, fields);
    }

    private static @Nullable Integer grade(String value) {
        try {
            return value.isEmpty() ? null : Integer.valueOf(value.endsWith(".0") ? value.substring(0, value.length() - 2)
                    : value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static @Nullable Boolean personKey(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        return YES.contains(v) ? Boolean.TRUE : NO.contains(v) ? Boolean.FALSE : null;
    }

    private RowError error(int row, String column, String code, Object... args) {
        return new RowError(row, column, code, messages.getMessage(code, args, code, LocaleContextHolder.getLocale()));
    }
}
