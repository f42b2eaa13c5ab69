package org.pdao.catalog.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionLevel;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.LocalizedText;
import org.pdao.jurisdiction.ProfileEntry;
import org.pdao.shared.RuleRef;

/** Small hand-made profiles with the catalog's entries, for unit tests of the rules' mapping. */
final class TestProfiles {

    private TestProfiles() {}

    /** Taizhou: TZM-8/14/16/17 and TZ-13, no JL-5 consent. */
    static CatalogArticles taizhou() {
        return articles(profile("TAIZHOU", Map.of("catalog.attributes.required", "TZM-8", "sharing.attributes", "TZM-14",
                "opening.attributes", "TZM-16", "opening.review.periodic", "TZM-17", "catalog.excluded", "TZ-13",
                "approval.chain.development-catalog", "TZ-13")));
    }

    /** Jilin: catalog.excluded and cross-region consent under JL-5, nothing of TZM. */
    static CatalogArticles jilin() {
        Map<String, ProfileEntry> entries = new HashMap<>(entries(Map.of("catalog.excluded", "JL-5")));
        entries.put("data.cross-region.source-consent.required", new ProfileEntry(
                "data.cross-region.source-consent.required", new EntryValue.Flag(true), rule("JL-5"), null));
        return articles(new JurisdictionProfile("JL", 1, new LocalizedText("吉林", "Jilin"), JurisdictionLevel.PROVINCE,
                List.of(), List.of(), entries, Map.of()));
    }

    /** A profile with none of the catalog's entries. */
    static CatalogArticles silent() {
        return articles(profile("NONE", Map.of()));
    }

    private static JurisdictionProfile profile(String id, Map<String, String> keyToRule) {
        return new JurisdictionProfile(id, 1, new LocalizedText(id, id), JurisdictionLevel.CITY, List.of(), List.of(),
                entries(keyToRule), Map.of());
    }

    private static Map<String, ProfileEntry> entries(Map<String, String> keyToRule) {
        Map<String, ProfileEntry> out = new HashMap<>();
        keyToRule.forEach((key, rule) -> out.put(key,
                new ProfileEntry(key, new EntryValue.Items(List.of()), rule(rule), null)));
        return out;
    }

    private static RuleRef rule(String id) {
        return new RuleRef(id, "第" + id + "条", "Art. " + id);
    }

    private static CatalogArticles articles(JurisdictionProfile p) {
        return new CatalogArticles(new JurisdictionProfiles() {
            public List<JurisdictionProfile> all() {
                return List.of(p);
            }

            public Optional<JurisdictionProfile> find(String id) {
                return Optional.of(p);
            }

            public JurisdictionProfile require(String id) {
                return p;
            }

            public JurisdictionProfile active() {
                return p;
            }
        });
    }
}
