package org.pdao.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Listing refusals cite the active profile's entries: in Taizhou every restricted category is refused
 * under TZ-13 (never SY-8 or JL-5) and cross-region data needs no JL-5 consent; in Jilin the same
 * markings cite JL-5 and consent is required; without any entry the refusal stays, without an article.
 */
class CatalogListingRulesTest {

    @Test
    void taizhouRefusesEveryRestrictedCategoryUnderTz13() {
        for (Restriction r : Restriction.values()) {
            Optional<Violation> v = ListingPolicy.firstRefusal(listing(List.of(r), "321200", "321200", TestProfiles.taizhou()));
            assertThat(v).as(r.name()).isPresent();
            assertThat(v.get().code()).isEqualTo("catalog.dev.restricted." + r.name());
            assertThat(v.get().rule().id()).as(r.name()).isEqualTo("TZ-13");
        }
    }

    @Test
    void jilinCitesJl5ForRestrictionsAndForMissingConsent() {
        assertThat(ListingPolicy.firstRefusal(listing(List.of(Restriction.STATE_SECRET), "220100", "220100",
                TestProfiles.jilin())).get().rule().id()).isEqualTo("JL-5");
        Violation consent = ListingPolicy.firstRefusal(listing(List.of(), "220100", "321200", TestProfiles.jilin()))
                .orElseThrow();
        assertThat(consent.code()).isEqualTo("catalog.dev.consent-required");
        assertThat(consent.rule().id()).isEqualTo("JL-5");
    }

    @Test
    void taizhouAsksNoConsentForDataOfAnotherRegion() {
        assertThat(ListingPolicy.firstRefusal(listing(List.of(), "321200", "220100", TestProfiles.taizhou())))
                .isEmpty();
    }

    @Test
    void aProfileWithoutTheEntriesStillRefusesRestrictedDataButCitesNothing() {
        Violation v = ListingPolicy.firstRefusal(listing(List.of(Restriction.NATIONAL_SECURITY), "1", "1",
                TestProfiles.silent())).orElseThrow();
        assertThat(v.code()).isEqualTo("catalog.dev.restricted.NATIONAL_SECURITY");
        assertThat(v.rule()).isNull();
    }

    private static ListingPolicy.Listing listing(List<Restriction> restrictions, @Nullable String operatorRegion,
            @Nullable String unitRegion, CatalogArticles articles) {
        Resource r = new Resource(UUID.randomUUID(), "r", "d", UUID.randomUUID(), "社会保障", "社保",
                UpdateFrequency.MONTHLY, SharingAttribute.UNCONDITIONAL, OpeningAttribute.UNCONDITIONAL, null,
                restrictions, List.of(ResourceField.of("a", "甲", "varchar", Grade.ofLevel(1).orElseThrow(), "c", false)), 1,
                null, null, "t", Instant.now());
        return new ListingPolicy.Listing(r, List.of("a"), null, operatorRegion, unitRegion, articles);
    }
}
