package org.pdao.product.internal;

import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.RuleRef;
import org.springframework.stereotype.Component;

/**
 * The rules products apply, cited as the active jurisdiction profile cites them (with their articles): the operator's
 * review of products ({@code approval.chain.product-review}, TZ-18 in Taizhou), a product's statement of its sources
 * ({@code product.source-disclosure.required}, TZ-10) and the end of a party's permissions with its agreement (TZ-11).
 * A rule the profile does not cite is named by its id alone.
 */
@Component
class ProductRules {

    static final String REVIEW = "TZ-18";
    static final String SOURCES = "TZ-10";
    static final String AGREEMENT_ENDED = "TZ-11";

    private final JurisdictionProfiles profiles;

    ProductRules(JurisdictionProfiles profiles) {
        this.profiles = profiles;
    }

    RuleRef review() {
        return of(REVIEW);
    }

    RuleRef sources() {
        return of(SOURCES);
    }

    RuleRef agreementEnded() {
        return of(AGREEMENT_ENDED);
    }

    RuleRef of(String id) {
        return profiles.active().rule(id).orElseGet(() -> RuleRef.of(id));
    }
}
