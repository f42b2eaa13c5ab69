package org.pdao.jurisdiction.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.LocalizedText;
import org.pdao.jurisdiction.ProfileEntry;
import org.pdao.jurisdiction.SourceText;
import org.pdao.jurisdiction.TimeLimit;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jurisdictions")
@Tag(name = "jurisdictions", description = "辖区规则配置（各办法的期限、上限、条款及其条文）/ jurisdiction profiles")
class JurisdictionController {

    record ProfileSummary(String id, int version, LocalizedText name, String level, List<String> combines,
            boolean active) {}

    record EntryView(String key, String type, @Nullable Long amount, @Nullable String unit, @Nullable Object value,
            @Nullable String rule, @Nullable String articleZh, @Nullable String articleEn, @Nullable LocalizedText note) {}

    record ProfileView(String id, int version, LocalizedText name, String level, List<String> combines, boolean active,
            List<SourceText> sources, List<EntryView> entries, List<EntryView> platform) {}

    private final JurisdictionProfiles profiles;

    JurisdictionController(JurisdictionProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "List the jurisdiction profiles with id, version, name and which one is active")
    List<ProfileSummary> list() {
        String activeId = profiles.active().id();
        return profiles.all().stream().map(p -> new ProfileSummary(p.id(), p.version(), p.name(), p.level().name(),
                p.combines(), p.id().equals(activeId))).toList();
    }

    @GetMapping("/active")
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "The active profile (pdao.jurisdiction.active) with all entries, rules and articles")
    ProfileView active() {
        return view(profiles.active());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "One profile with all entries, rules and articles")
    ProfileView show(@PathVariable String id) {
        return view(profiles.require(id));
    }

    private ProfileView view(JurisdictionProfile p) {
        return new ProfileView(p.id(), p.version(), p.name(), p.level().name(), p.combines(),
                p.id().equals(profiles.active().id()), p.sources(), entries(p.entries()), entries(p.platform()));
    }

    private static List<EntryView> entries(Map<String, ProfileEntry> entries) {
        return entries.values().stream().sorted(java.util.Comparator.comparing(ProfileEntry::key))
                .map(JurisdictionController::entry).toList();
    }

    static EntryView entry(ProfileEntry e) {
        String rule = e.rule() == null ? null : e.rule().id();
        String zh = e.rule() == null ? null : e.rule().articleZh();
        String en = e.rule() == null ? null : e.rule().articleEn();
        EntryValue v = e.value();
        if (v instanceof TimeLimit t) {
            return new EntryView(e.key(), "limit", t.amount(), t.unit().name(), null, rule, zh, en, e.note());
        }
        if (v instanceof EntryValue.Count c) {
            return new EntryView(e.key(), "number", c.value(), null, null, rule, zh, en, e.note());
        }
        if (v instanceof EntryValue.Flag f) {
            return new EntryView(e.key(), "boolean", null, null, f.value(), rule, zh, en, e.note());
        }
        if (v instanceof EntryValue.Items i) {
            return new EntryView(e.key(), "list", null, null, i.items(), rule, zh, en, e.note());
        }
        return new EntryView(e.key(), "text", null, null, ((EntryValue.Text) v).text(), rule, zh, en, e.note());
    }
}
