package org.pdao.catalog.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a resource-catalog entry must state (TZM-8): name, content, classification, update frequency,
 * sharing and opening attribute with a legal basis where they restrict (TZM-14, TZM-16), and fields
 * each with a grade. Checks the resource part and each field separately so that a spreadsheet import
 * can report every bad row.
 */
final class ResourceRules {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 4000;
    static final int MAX_SHORT = 100;

    private ResourceRules() {}

    /** Violations of the resource-level columns (everything but the fields). */
    static List<Violation> checkResource(ResourceInput in, CatalogArticles articles) {
        List<Violation> out = new ArrayList<>();
        required(out, "name", in.name(), MAX_NAME);
        required(out, "description", in.description(), MAX_TEXT);
        required(out, "domain", in.domain(), MAX_SHORT);
        required(out, "category", in.category(), MAX_SHORT);
        UpdateFrequency frequency = parse(UpdateFrequency.class, in.updateFrequency());
        if (frequency == null) {
            out.add(new Violation("updateFrequency", "catalog.resource.bad-frequency", articles.attributes()));
        }
        SharingAttribute sharing = parse(SharingAttribute.class, in.sharing());
        if (sharing == null) {
            out.add(new Violation("sharing", "catalog.resource.bad-sharing", articles.sharing()));
        }
        OpeningAttribute opening = parse(OpeningAttribute.class, in.opening());
        if (opening == null) {
            out.add(new Violation("opening", "catalog.resource.bad-opening", articles.opening()));
        }
        boolean noBasis = blank(in.legalBasis());
        if (sharing != null && sharing.needsLegalBasis() && noBasis) {
            out.add(new Violation("legalBasis", "catalog.resource.sharing-needs-legal-basis", articles.sharing()));
        }
        if (opening != null && opening.restricted() && noBasis) {
            out.add(new Violation("legalBasis", "catalog.resource.opening-needs-legal-basis", articles.opening()));
        }
        if (!noBasis && in.legalBasis().length() > 1000) {
            out.add(new Violation("legalBasis", "catalog.resource.too-long", null, 1000));
        }
        if (in.restrictions() != null) {
            for (String r : in.restrictions()) {
                if (parse(Restriction.class, r) == null) {
                    out.add(new Violation("restrictions", "catalog.resource.bad-restriction", null));
                }
            }
        }
        return out;
    }

    /** Violations of one field. */
    static List<Violation> checkField(@Nullable FieldInput f, CatalogArticles articles) {
        List<Violation> out = new ArrayList<>();
        if (f == null) {
            out.add(new Violation("fieldName", "catalog.field.required", null));
            return out;
        }
        required(out, "fieldName", f.name(), MAX_SHORT);
        required(out, "fieldLabel", f.label(), MAX_NAME);
        required(out, "fieldType", f.type(), 40);
        required(out, "fieldClassification", f.classification(), MAX_SHORT);
        if (f.grade() == null || Grade.ofLevel(f.grade()).isEmpty()) {
            out.add(new Violation("grade", "catalog.field.bad-grade", articles.attributes()));
        }
        return out;
    }

    /** All violations of an entry submitted in one piece (the API). */
    static List<Violation> check(ResourceInput in, CatalogArticles articles) {
        List<Violation> out = new ArrayList<>(checkResource(in, articles));
        if (in.fields() == null || in.fields().isEmpty()) {
            out.add(new Violation("fields", "catalog.resource.no-fields", articles.attributes()));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (FieldInput f : in.fields()) {
            out.addAll(checkField(f, articles));
            if (f != null && f.name() != null && !names.add(f.name().trim().toLowerCase(Locale.ROOT))) {
                out.add(new Violation("fieldName", "catalog.field.duplicate", null));
            }
        }
        return out;
    }

    /** The validated entry; call only when {@link #check} found nothing. */
    static ValidResource valid(ResourceInput in) {
        List<ResourceField> fields = new ArrayList<>();
        for (FieldInput f : in.fields()) {
            fields.add(ResourceField.of(f.name().trim(), f.label().trim(), f.type().trim(),
                    Grade.ofLevel(f.grade()).orElseThrow(), f.classification().trim(), f.personKey()));
        }
        List<Restriction> restrictions = new ArrayList<>();
        if (in.restrictions() != null) {
            for (String r : in.restrictions()) {
                Restriction parsed = parse(Restriction.class, r);
                if (parsed != null && !restrictions.contains(parsed)) {
                    restrictions.add(parsed);
                }
            }
        }
        return new ValidResource(in.name().trim(), in.description().trim(), in.domain().trim(),
                in.category().trim(), parse(UpdateFrequency.class, in.updateFrequency()),
                parse(SharingAttribute.class, in.sharing()), parse(OpeningAttribute.class, in.opening()),
                blank(in.legalBasis()) ? null : in.legalBasis().trim(), restrictions, fields);
    }

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static void required(List<Violation> out, String column, @Nullable String value, int max) {
        if (blank(value)) {
            out.add(new Violation(column, "catalog.resource.required", null));
        } else if (value.length() > max) {
            out.add(new Violation(column, "catalog.resource.too-long", null, max));
        }
    }
}
