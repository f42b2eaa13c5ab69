package org.pdao.catalog.internal;

import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.RuleRef;
import org.springframework.stereotype.Component;

/**
 * The rules the catalog applies, read from the entries of the active jurisdiction profile, so that a
 * refusal cites the article of the deployment's own regulations and never one of another
 * jurisdiction. Where the active profile has no entry, the rule is absent ({@code null}): the check
 * still applies where it is a platform rule (a restricted resource is never listed) but cites no
 * article, and checks that exist only in another jurisdiction's text (JL-5 cross-region consent) do
 * not apply. See {@code docs/decisions/2026-12-02-catalog-rules-from-profile.md}.
 */
@Component
class CatalogArticles {

    private final JurisdictionProfiles profiles;

    CatalogArticles(JurisdictionProfiles profiles) {
        this.profiles = profiles;
    }

    /** What a catalog entry must state (TZM-8 {@code catalog.attributes.required}). */
    @Nullable RuleRef attributes() {
        return rule("catalog.attributes.required");
    }

    /** Sharing attributes and their legal basis (TZM-14 {@code sharing.attributes}). */
    @Nullable RuleRef sharing() {
        return rule("sharing.attributes");
    }

    /** Opening attributes and their legal basis (TZM-16 {@code opening.attributes}). */
    @Nullable RuleRef opening() {
        return rule("opening.attributes");
    }

    /** The periodic review of restricted opening attributes (TZM-17 {@code opening.review.periodic}). */
    @Nullable RuleRef openingReview() {
        return rule("opening.review.periodic");
    }

    /** Compiling and approving the development catalog (TZ-13 {@code approval.chain.development-catalog}). */
    @Nullable RuleRef developmentCatalog() {
        return rule("approval.chain.development-catalog");
    }

    /**
     * The data never listed for authorized operation ({@code catalog.excluded}: TZ-13 in Taizhou, SY-8 in
     * Shiyan, JL-5 in Jilin). Every restriction marking is refused under the active profile's list: a
     * category the active text does not name (state secrets in Taizhou) falls under its general item
     * "prohibited by law" (TZ-13 (三) 法律、法规以及国家、省规定不能进行授权运营的).
     */
    @Nullable RuleRef excluded() {
        return rule("catalog.excluded");
    }

    /** Whether data of another region needs its source unit's consent (JL-5), and under which rule. */
    @Nullable RuleRef crossRegionConsent() {
        JurisdictionProfile p = profiles.active();
        String key = "data.cross-region.source-consent.required";
        return p.has(key) && p.flag(key).value() ? p.flag(key).rule() : null;
    }

    /** Registration of resources in scope (JL-ops {@code registration.required}). */
    @Nullable RuleRef registration() {
        return rule("registration.required");
    }

    /** The development-catalog rule for audit entries, or the listing rule where the profile has no chain. */
    @Nullable String developmentCatalogId() {
        RuleRef r = developmentCatalog();
        return r == null ? id(excluded()) : r.id();
    }

    static @Nullable String id(@Nullable RuleRef rule) {
        return rule == null ? null : rule.id();
    }

    private @Nullable RuleRef rule(String key) {
        JurisdictionProfile p = profiles.active();
        return p.has(key) ? p.entry(key).rule() : null;
    }
}
