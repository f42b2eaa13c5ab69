package org.pdao.jurisdiction;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdao.shared.RuleRef;

/**
 * The numbers and switches of one jurisdiction's regulations, each with the rule and article it
 * comes from, loaded from a versioned profile file. {@code platform} holds platform defaults that
 * are not regulation numbers.
 */
public record JurisdictionProfile(String id, int version, LocalizedText name, JurisdictionLevel level,
        List<String> combines, List<SourceText> sources, Map<String, ProfileEntry> entries,
        Map<String, ProfileEntry> platform) {

    public JurisdictionProfile {
        combines = List.copyOf(combines);
        sources = List.copyOf(sources);
        entries = Map.copyOf(entries);
        platform = Map.copyOf(platform);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The entry under {@code key}; a missing key is refused with {@link MissingProfileEntry}. */
    public ProfileEntry entry(String key) {
        ProfileEntry entry = entries.get(key);
        if (entry == null) {
            throw new MissingProfileEntry(id, key);
        }
        return entry;
    }

    public Ruled<TimeLimit> timeLimit(String key) {
        return typed(key, TimeLimit.class, "time limit");
    }

    /** A time limit counted in working days, as a number of days. */
    public Ruled<Integer> workingDays(String key) {
        Ruled<TimeLimit> limit = timeLimit(key);
        if (limit.value().unit() != LimitUnit.WORKING_DAYS) {
            throw new MissingProfileEntry(id, key, "working days");
        }
        return new Ruled<>(Math.toIntExact(limit.value().amount()), limit.rule());
    }

    public Ruled<Long> count(String key) {
        Ruled<EntryValue.Count> count = typed(key, EntryValue.Count.class, "number");
        return new Ruled<>(count.value().value(), count.rule());
    }

    public Ruled<Boolean> flag(String key) {
        Ruled<EntryValue.Flag> flag = typed(key, EntryValue.Flag.class, "switch");
        return new Ruled<>(flag.value().value(), flag.rule());
    }

    public Ruled<List<ListItem>> items(String key) {
        Ruled<EntryValue.Items> items = typed(key, EntryValue.Items.class, "list");
        return new Ruled<>(items.value().items(), items.rule());
    }

    public Ruled<LocalizedText> text(String key) {
        Ruled<EntryValue.Text> text = typed(key, EntryValue.Text.class, "text");
        return new Ruled<>(text.value().text(), text.rule());
    }

    /** The ordered roles that approve or receive a filing in {@code process} ({@code approval.chain.<process>}). */
    public Ruled<List<ListItem>> approvalChain(String process) {
        return items("approval.chain." + process);
    }

    /** A platform default (not a regulation number), e.g. the minimum group size of query output. */
    public EntryValue platformDefault(String key) {
        ProfileEntry entry = platform.get(key);
        if (entry == null) {
            throw new MissingProfileEntry(id, key);
        }
        return entry.value();
    }

    /** The rule with this id as this profile cites it (with its article), if any entry cites it. */
    public Optional<RuleRef> rule(String ruleId) {
        return entries.values().stream().map(ProfileEntry::rule)
                .filter(r -> r != null && r.id().equalsIgnoreCase(ruleId))
                .findFirst();
    }

    private <T extends EntryValue> Ruled<T> typed(String key, Class<T> type, String typeName) {
        ProfileEntry entry = entry(key);
        if (!type.isInstance(entry.value()) || entry.rule() == null) {
            throw new MissingProfileEntry(id, key, typeName);
        }
        return new Ruled<>(type.cast(entry.value()), entry.rule());
    }
}
