package org.pdao.catalog.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One reason data may not be listed in the development catalog, with the rule that says so. The
 * policies are composed in {@link #ALL} and checked in order; the first refusal wins.
 */
@FunctionalInterface
interface ListingPolicy {

    /** What a listing decision looks at. */
    record Listing(Resource resource, List<String> fieldNames, @Nullable Consent consent,
            @Nullable String operatorRegion, @Nullable String sourceUnitRegion, CatalogArticles articles) {}

    Optional<Violation> check(Listing listing);

    /** Restricted data is never listed, under the active profile's {@code catalog.excluded} (TZ-13, SY-8 or JL-5). */
    ListingPolicy NO_RESTRICTED_DATA = l -> l.resource().restrictions().stream().findFirst()
            .map(r -> new Violation("restrictions", "catalog.dev.restricted." + r.name(), l.articles().excluded()));

    /** Data that is not shared may not be listed (TZM-14). */
    ListingPolicy NOT_SHARED = l -> l.resource().sharing() == SharingAttribute.NOT_SHARED
            ? Optional.of(new Violation("sharing", "catalog.dev.not-shared", l.articles().sharing()))
            : Optional.empty();

    /** Data that is not open may not be listed (TZM-16). */
    ListingPolicy NOT_OPEN = l -> l.resource().opening() == OpeningAttribute.NOT_OPEN
            ? Optional.of(new Violation("opening", "catalog.dev.not-open", l.articles().opening()))
            : Optional.empty();

    /** Chosen fields must be fields of the resource. */
    ListingPolicy KNOWN_FIELDS = l -> {
        List<String> known = l.resource().fields().stream().map(ResourceField::name).toList();
        return l.fieldNames().isEmpty() || !known.containsAll(l.fieldNames())
                ? Optional.of(new Violation("fields", "catalog.dev.unknown-field", null))
                : Optional.empty();
    };

    /** Data of a source unit in another region needs that unit's recorded consent, where the profile says so (JL-5). */
    ListingPolicy CONSENT_FROM_OTHER_REGION = l -> l.articles().crossRegionConsent() != null
            && !Objects.equals(l.operatorRegion(), l.sourceUnitRegion()) && l.consent() == null
            ? Optional.of(new Violation("consent", "catalog.dev.consent-required", l.articles().crossRegionConsent()))
            : Optional.empty();

    List<ListingPolicy> ALL = List.of(NO_RESTRICTED_DATA, NOT_SHARED, NOT_OPEN, KNOWN_FIELDS,
            CONSENT_FROM_OTHER_REGION);

    static Optional<Violation> firstRefusal(Listing listing) {
        for (ListingPolicy policy : ALL) {
            Optional<Violation> v = policy.check(listing);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }
}
