package org.pdao.jurisdiction.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionLevel;
import org.pdao.jurisdiction.LimitUnit;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.LocalizedText;
import org.pdao.jurisdiction.ProfileEntry;
import org.pdao.jurisdiction.SourceText;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.shared.RuleRef;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one profile file (YAML) and checks it: known units and types, a rule id of the profile's
 * own sources and a Chinese and English article on every regulation entry, no key twice.
 */
final class ProfileReader {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+");
    private static final Pattern RULE = Pattern.compile("([A-Z]+)-[A-Za-z0-9]+");
    static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String file;

    private ProfileReader(String file) {
        this.file = file;
    }

    static ProfileFile read(String file, String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (RuntimeException e) {
            throw new MalformedProfile(file, "-", "not valid YAML (" + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
        return new ProfileReader(file).profile(root);
    }

    private ProfileFile profile(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedProfile(file, "-", "a profile must be a mapping");
        }
        String id = text(root, "id", "id");
        if (!id.matches("[A-Z][A-Z0-9_]*")) {
            throw new MalformedProfile(file, "id", "ids are upper case letters, digits and _");
        }
        JsonNode versionNode = root.path("version");
        if (!versionNode.isInt() || versionNode.asInt() < 1) {
            throw new MalformedProfile(file, "version", "a positive whole number is required");
        }
        LocalizedText name = localized(root.path("name"), "name");
        JurisdictionLevel level = enumValue(JurisdictionLevel.class, text(root, "level", "level"), "level");
        List<String> combines = new ArrayList<>();
        for (JsonNode c : root.path("combines")) {
            combines.add(c.asString());
        }
        List<SourceText> sources = new ArrayList<>();
        for (JsonNode s : root.path("sources")) {
            sources.add(source(s));
        }
        if (sources.isEmpty() && combines.isEmpty()) {
            throw new MalformedProfile(file, "sources", "a profile names the regulation text(s) it comes from");
        }
        List<String> codes = sources.stream().map(SourceText::code).toList();
        Map<String, ProfileEntry> entries = entries(root.path("entries"), "entries", codes, true);
        Map<String, ProfileEntry> platform = entries(root.path("platform"), "platform", codes, false);
        for (String key : platform.keySet()) {
            if (entries.containsKey(key)) {
                throw new MalformedProfile(file, key, "duplicate key (both a regulation entry and a platform default)");
            }
        }
        return new ProfileFile(file, id, versionNode.asInt(), name, level, combines, sources, entries, platform);
    }

    private SourceText source(JsonNode s) {
        String code = text(s, "code", "sources.code");
        return new SourceText(code, text(s, "file", "sources." + code + ".file"),
                localized(s.path("title"), "sources." + code + ".title"), text(s, "status", "sources." + code + ".status"),
                date(s, "issued", "sources." + code), date(s, "effectiveFrom", "sources." + code),
                date(s, "effectiveUntil", "sources." + code));
    }

    private Map<String, ProfileEntry> entries(JsonNode list, String section, List<String> codes, boolean regulation) {
        Map<String, ProfileEntry> entries = new LinkedHashMap<>();
        if (list.isMissingNode() || list.isNull()) {
            return entries;
        }
        if (!list.isArray()) {
            throw new MalformedProfile(file, section, "must be a list of entries");
        }
        for (JsonNode node : list) {
            String key = text(node, "key", section + ".key");
            if (!KEY.matcher(key).matches()) {
                throw new MalformedProfile(file, key, "keys are dotted lower-case names");
            }
            if (entries.containsKey(key)) {
                throw new MalformedProfile(file, key, "duplicate key");
            }
            EntryValue value = value(node, key);
            LocalizedText note = node.has("note") ? localized(node.path("note"), key + ".note") : null;
            RuleRef rule = null;
            if (regulation) {
                rule = rule(node, key, codes);
            } else if (node.has("rule")) {
                throw new MalformedProfile(file, key, "a platform default is not a regulation number and has no rule");
            } else if (note == null) {
                throw new MalformedProfile(file, key, "a platform default needs a note saying why");
            }
            entries.put(key, new ProfileEntry(key, value, rule, note));
        }
        return entries;
    }

    private RuleRef rule(JsonNode node, String key, List<String> codes) {
        String id = node.path("rule").asString("");
        if (id.isBlank()) {
            throw new MalformedProfile(file, key, "missing rule id");
        }
        var m = RULE.matcher(id);
        if (!m.matches()) {
            throw new MalformedProfile(file, key, "rule id " + id + " is not of the form TZ-9");
        }
        if (!codes.contains(m.group(1))) {
            throw new MalformedProfile(file, key, "rule " + id + " is not from this profile's sources " + codes);
        }
        String zh = node.path("articleZh").asString("");
        String en = node.path("articleEn").asString("");
        if (zh.isBlank() || !zh.contains("《")) {
            throw new MalformedProfile(file, key, "missing Chinese article (《…》第…条)");
        }
        if (en.isBlank()) {
            throw new MalformedProfile(file, key, "missing English article");
        }
        return new RuleRef(id, zh, en);
    }

    private EntryValue value(JsonNode node, String key) {
        String type = node.path("type").asString("");
        JsonNode value = node.path("value");
        if (value.isMissingNode() || value.isNull()) {
            throw new MalformedProfile(file, key, "missing value");
        }
        switch (type) {
            case "limit" -> {
                if (!value.path("amount").isIntegralNumber() || value.path("amount").asLong() < 0) {
                    throw new MalformedProfile(file, key, "a limit needs a whole amount ≥ 0");
                }
                String unit = value.path("unit").asString("");
                return new TimeLimit(value.path("amount").asLong(), enumValue(LimitUnit.class, unit, key));
            }
            case "number" -> {
                if (!value.isIntegralNumber()) {
                    throw new MalformedProfile(file, key, "a number entry needs a whole number");
                }
                return new EntryValue.Count(value.asLong());
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    throw new MalformedProfile(file, key, "a boolean entry needs true or false");
                }
                return new EntryValue.Flag(value.asBoolean());
            }
            case "list" -> {
                if (!value.isArray() || value.isEmpty()) {
                    throw new MalformedProfile(file, key, "a list entry needs a non-empty list");
                }
                List<ListItem> items = new ArrayList<>();
                for (JsonNode item : value) {
                    String itemKey = text(item, "key", key + ".key");
                    if (!key.startsWith("approval.chain.") && items.stream().anyMatch(i -> i.key().equals(itemKey))) {
                        throw new MalformedProfile(file, key, "duplicate list item " + itemKey);
                    }
                    items.add(new ListItem(itemKey, text(item, "zh", key + "." + itemKey + ".zh"),
                            text(item, "en", key + "." + itemKey + ".en")));
                }
                return new EntryValue.Items(items);
            }
            case "text" -> {
                return new EntryValue.Text(localized(value, key));
            }
            default -> throw new MalformedProfile(file, key,
                    "unknown type '" + type + "' (limit, number, boolean, list, text)");
        }
    }

    private LocalizedText localized(JsonNode node, String key) {
        return new LocalizedText(text(node, "zh", key + ".zh"), text(node, "en", key + ".en"));
    }

    private String text(JsonNode node, String field, String key) {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            throw new MalformedProfile(file, key, "missing " + field);
        }
        return value.strip();
    }

    private @Nullable LocalDate date(JsonNode node, String field, String key) {
        String value = node.path(field).asString("");
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedProfile(file, key + "." + field, "not a date (yyyy-mm-dd): " + value);
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String value, String key) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new MalformedProfile(file, key, "unknown " + type.getSimpleName() + " '" + value + "'");
        }
    }
}
