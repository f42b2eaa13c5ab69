package org.pdao.dataspace.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The adversarial query corpus and the legitimate workload, as data under {@code src/test/resources/query-corpus}:
 * one YAML file per attack class plus {@code legitimate.yaml}, and {@code known-failures.yaml} naming the entries
 * that fail because of a known executor or gate bug (with the reason). SQL may name placeholders
 * ({@code ${k}}, {@code ${phone}}, …) that the test fills in from the oracle on the workspace's own data.
 */
public record QueryCorpus(List<Entry> attacks, List<Entry> legitimate, Map<String, String> knownFailures) {

    static final List<String> ATTACK_FILES = List.of("ddl-dml", "settings", "attach", "copy-export", "extensions",
            "multi-statement", "file-functions", "catalog", "dynamic-sql", "sampling", "obfuscation", "raw-output",
            "value-aggregates", "person-identifiers", "small-groups", "bypass", "differencing", "averaging",
            "error-channels", "resources", "functions", "call", "targeting", "joins");

    /** What an entry must produce. */
    public enum Expect {
        /** 422 (or 400) naming the rule; nothing executed, nothing released. */
        REFUSED,
        /** Refused, held for review, or released with nothing about fewer than k persons (the oracle checks). */
        SAFE_RESULT,
        /** Ends in a limit error (or a refusal); the next query is answered. */
        LIMIT,
        /** A legitimate analysis: released, equal to the oracle (within the noise bound where noise is added). */
        EXACT
    }

    /** Two queries compared: {@code count}/{@code value} trackers or {@code indistinguishable} side channels. */
    public record Pair(String base, @Nullable String secret, String kind) {}

    /**
     * One corpus entry. {@code spread}, for a legitimate analysis whose noised averages or sums run over small cells:
     * SQL returning the group keys and, per value column, one person's typical influence on that value (what the
     * executor scales its noise by: the stddev_pop over the persons for an average, the mean |value| for a sum; null
     * where a column is not noised); the judge then allows the reported noise bound times that, not a fixed share.
     */
    public record Entry(String id, String file, String kind, String description, String sql, Expect expect,
            @Nullable String rule, @Nullable String column, @Nullable String persons, int keys,
            @Nullable Pair pair, @Nullable String secret, @Nullable String reveals, @Nullable String oracle,
            boolean ordered, @Nullable String spread) {

        public Entry resolved(Map<String, String> values) {
            return new Entry(id, file, kind, description, fill(sql, values), expect, rule, column,
                    persons == null ? null : fill(persons, values), keys,
                    pair == null ? null : new Pair(fill(pair.base(), values),
                            pair.secret() == null ? null : fill(pair.secret(), values), pair.kind()),
                    secret == null ? null : fill(secret, values), reveals == null ? null : fill(reveals, values),
                    oracle == null ? null : fill(oracle, values), ordered, spread == null ? null : fill(spread, values));
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + " in " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static QueryCorpus load() {
        List<Entry> attacks = new ArrayList<>();
        for (String file : ATTACK_FILES) {
            attacks.addAll(entries("attacks/" + file + ".yaml", "attack", file, Expect.REFUSED));
        }
        List<Entry> legitimate = entries("legitimate.yaml", "legitimate", "legitimate", Expect.EXACT);
        Map<String, String> known = new LinkedHashMap<>();
        for (JsonNode node : read("known-failures.yaml").path("known")) {
            known.put(node.path("id").asString(), node.path("reason").asString());
        }
        Map<String, Boolean> ids = new LinkedHashMap<>();
        for (Entry e : attacks) {
            if (ids.put(e.id(), true) != null) {
                throw new IllegalStateException("duplicate corpus id " + e.id());
            }
        }
        for (Entry e : legitimate) {
            if (ids.put(e.id(), true) != null) {
                throw new IllegalStateException("duplicate corpus id " + e.id());
            }
        }
        return new QueryCorpus(List.copyOf(attacks), List.copyOf(legitimate), known);
    }

    private static List<Entry> entries(String resource, String kind, String file, Expect defaultExpect) {
        JsonNode root = read(resource);
        String clazz = root.path("class").asString(file);
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : root.path("entries")) {
            JsonNode pair = n.path("pair");
            out.add(new Entry(n.path("id").asString(), clazz, kind, n.path("description").asString(""),
                    n.path("sql").asString().strip(),
                    n.has("expect") ? Expect.valueOf(n.path("expect").asString()) : expectOf(root, defaultExpect),
                    text(n, "rule"), text(n, "column"), text(n, "persons"), n.path("keys").asInt(0),
                    pair.isMissingNode() ? null : new Pair(pair.path("base").asString().strip(),
                            text(pair, "secret"), pair.path("kind").asString("count")),
                    text(n, "secret"), text(n, "reveals"), text(n, "oracle"), n.path("ordered").asBoolean(false),
                    text(n, "spread")));
        }
        return out;
    }

    private static Expect expectOf(JsonNode root, Expect fallback) {
        return root.has("expect") ? Expect.valueOf(root.path("expect").asString()) : fallback;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString().strip();
    }

    private static JsonNode read(String resource) {
        try (InputStream in = QueryCorpus.class.getResourceAsStream("/query-corpus/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + resource);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
