package org.pdao.dataspace.corpus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.corpus.QueryCorpus.Entry;
import org.pdao.dataspace.corpus.QueryCorpus.Expect;
import org.pdao.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Runs corpus entries through the public REST API of one workspace and judges each answer against the oracle:
 * refusals, limit errors, results held for review, and released rows checked for leaks (person pseudonyms, single
 * persons' raw values, groups of fewer than k persons, tracker differences, distinguishable errors) or, for
 * legitimate analyses, compared with the unrestricted answer on the same data.
 */
public final class CorpusRunner {

    /** How one entry ended. */
    enum Verdict {
        REFUSED(true), LIMITED(true), HELD(true), SAFE_RELEASE(true), CORRECT(true),
        LEAK(false), NOT_REFUSED(false), FALSE_REFUSAL(false), WRONG_RESULT(false), ERROR(false);

        final boolean pass;

        Verdict(boolean pass) {
            this.pass = pass;
        }
    }

    record Answer(int status, JsonNode json, String body, long millis) {

        String code() {
            return json.path("code").asString("");
        }

        String state() {
            return json.path("state").asString("");
        }

        boolean limited() {
            return (status == 422 || status == 400 || status == 413 || status == 503) && code().toUpperCase().contains("LIMIT");
        }

        boolean refused() {
            return (status == 422 || status == 400) && !limited();
        }

        boolean released() {
            return status == 201 && (state().equals("RELEASED") || state().equals("RELEASED_WITH_CHANGE"));
        }

        boolean held() {
            return status == 201 && state().equals("PENDING_REVIEW");
        }

        boolean noise() {
            return json.path("noise").path("applied").asBoolean(false);
        }

        @Nullable Double noiseBound() {
            JsonNode b = json.path("noise").path("bound");
            return b.isNumber() ? b.asDouble() : null;
        }

        String signature() {
            return status + "/" + code() + "/" + state();
        }

        /** An execution failure (engine error, no answer, server error), as opposed to a policy refusal or a limit. */
        boolean failed() {
            return status == 0 || status >= 500 || code().equals("QUERY_FAILED");
        }

        String brief() {
            String text = status + " " + (code().isEmpty() ? state() : code());
            JsonNode refusals = json.path("refusals");
            if (refusals.isArray() && !refusals.isEmpty()) {
                text += " " + refusals.get(0).path("rule").asString("") + "@" + refusals.get(0).path("column").asString("");
            }
            return text;
        }
    }

    record Result(Entry entry, Verdict verdict, String detail, long millis, @Nullable String rule,
            @Nullable Boolean dryRunAllowed) {

        Result(Entry entry, Verdict verdict, String detail, long millis, @Nullable String rule) {
            this(entry, verdict, detail, millis, rule, null);
        }
    }

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final Api api;
    private final UUID workspace;
    private final Supplier<String> developer;
    private final Supplier<String> reviewer;
    private final RawWorkspace raw;
    private final int k;
    private final Set<String> pseudonyms;
    private final Set<String> rawValues;

    CorpusRunner(Api api, UUID workspace, Supplier<String> developer, Supplier<String> reviewer, RawWorkspace raw,
            int k) {
        this.api = api;
        this.workspace = workspace;
        this.developer = developer;
        this.reviewer = reviewer;
        this.raw = raw;
        this.k = k;
        this.pseudonyms = new HashSet<>(raw.column("select id_number from residents union select legal_person_id from enterprises"));
        this.rawValues = new HashSet<>();
        for (String v : raw.column("select cost from medical_visits union select amount from social_insurance")) {
            if (!isIntegral(v)) {
                rawValues.add(v);
            }
        }
    }

    /** The placeholders of the corpus, found on the workspace's own data by the oracle. */
    public static Map<String, String> placeholders(RawWorkspace raw, int k) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("k", Integer.toString(k));
        p.put("km1", Integer.toString(k - 1));
        p.put("tiny", "321271");
        List<List<@Nullable String>> target = raw.rows("""
                select phone, gender, birth_date, name, region_code from residents r
                where region_code = '321202' and phone in (select phone from residents group by phone having count(*) = 1)
                  and id_number in (select id_number from medical_visits)
                  and id_number in (select id_number from social_insurance)
                order by phone limit 1""");
        if (target.isEmpty()) {
            // a larger synthetic city (the benchmarks') repeats masked phones: any resident with visits and payments
            target = raw.rows("""
                    select phone, gender, birth_date, name, region_code from residents r
                    where id_number in (select id_number from medical_visits)
                      and id_number in (select id_number from social_insurance)
                    order by region_code = '321202' desc, phone limit 1""");
        }
        p.put("phone", target.get(0).get(0));
        p.put("last4", Objects.requireNonNull(target.get(0).get(0)).substring(7));
        p.put("tgender", target.get(0).get(1));
        p.put("tband", target.get(0).get(2));
        p.put("tname", target.get(0).get(3));
        p.put("tregion", target.get(0).get(4));
        // the smallest cells of the data (under k on the demo city; the smallest there is at any size)
        List<String> rare = raw.column("select icd10 from medical_visits group by icd10"
                + " order by count(distinct id_number), icd10 limit 2");
        p.put("rareIcd", rare.get(0));
        p.put("rareIcd2", rare.size() > 1 ? rare.get(1) : rare.get(0));
        p.put("rarePrefix", rare.get(0).substring(0, 3));
        List<List<@Nullable String>> small = raw.rows("select region_code, gender from residents group by 1, 2"
                + " order by count(*), 1, 2 limit 1");
        p.put("sregion", small.get(0).get(0));
        p.put("sgender", small.get(0).get(1));
        p.put("tinyband", raw.single("select birth_date from residents where region_code = '321271' group by 1"
                + " order by count(*), 1 limit 1"));
        p.put("bigIcd", raw.single("select icd10 from medical_visits group by 1 order by count(*) desc limit 1"));
        return p;
    }

    Answer submit(String sql) {
        return call("/api/v1/workspaces/" + workspace + "/queries", sql);
    }

    /** One call; no answer within the client's 60 s counts as status 0 (the service did not answer). */
    private Answer call(String path, String sql) {
        long start = System.nanoTime();
        try {
            Api.Response r = api.post(path, developer.get(), Map.of("sql", sql));
            return new Answer(r.status(), r.json(), r.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (IllegalStateException timeout) {
            return new Answer(0, tools.jackson.databind.node.MissingNode.getInstance(), "no answer: " + timeout.getMessage(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    Answer dryRun(String sql) {
        return call("/api/v1/workspaces/" + workspace + "/queries/dry-run", sql);
    }

    Result attack(Entry e) {
        Answer base = e.pair() == null ? null : submit(e.pair().base());
        Answer a = submit(e.sql());
        List<String> leaks = new ArrayList<>(leaks(e, a));
        if (base != null) {
            leaks.addAll(leaks(e, base));
            leaks.addAll(pairLeaks(e, base, a));
        }
        String seen = (base == null ? "" : "base " + base.brief() + "; ") + a.brief();
        Verdict verdict;
        if (!leaks.isEmpty()) {
            verdict = Verdict.LEAK;
            seen += " — " + String.join("; ", leaks);
        } else if (a.status() >= 500 || a.status() == 0 || a.status() == 404 || a.status() == 401) {
            verdict = Verdict.ERROR;
            seen += " " + abbreviate(a.body());
        } else if (e.expect() == Expect.REFUSED) {
            verdict = a.refused() ? Verdict.REFUSED : Verdict.NOT_REFUSED;
            if (a.refused() && e.column() != null && !a.body().contains(e.column())) {
                verdict = Verdict.NOT_REFUSED;
                seen += " — refusal does not name the column " + e.column();
            }
        } else if (e.expect() == Expect.LIMIT) {
            verdict = a.limited() ? Verdict.LIMITED : a.refused() ? Verdict.REFUSED : Verdict.NOT_REFUSED;
        } else {
            verdict = a.limited() ? Verdict.LIMITED : a.refused() ? Verdict.REFUSED
                    : a.held() ? Verdict.HELD : a.released() ? Verdict.SAFE_RELEASE
                    : a.status() == 201 ? Verdict.HELD : Verdict.ERROR;
        }
        if (e.expect() == Expect.LIMIT || a.limited()) {
            Answer next = submit("select gender, count(*) as n from residents group by gender");
            if (next.status() != 201) {
                verdict = Verdict.ERROR;
                seen += " — the next query was not answered: " + next.brief();
            }
        }
        Boolean dryAllowed = null;
        if (e.expect() == Expect.REFUSED) {
            Answer dry = dryRun(e.sql());
            dryAllowed = dry.status() == 200 ? dry.json().path("allowed").asBoolean(true) : Boolean.FALSE;
            leaks.addAll(leaks(e, dry));
            if (!leaks.isEmpty() && verdict != Verdict.LEAK) {
                verdict = Verdict.LEAK;
                seen += " — dry run: " + String.join("; ", leaks);
            }
        }
        return new Result(e, verdict, seen, a.millis(), rule(a), dryAllowed);
    }

    Result legitimate(Entry e) {
        Answer a = submit(e.sql());
        String seen = a.brief();
        if (a.held()) {
            a = approve(a);
            seen += " → reviewer approved → " + a.brief();
        }
        List<String> leaks = leaks(e, a);
        if (!leaks.isEmpty()) {
            return new Result(e, Verdict.LEAK, seen + " — " + String.join("; ", leaks), a.millis(), rule(a));
        }
        if (a.status() >= 500 || a.status() == 404) {
            return new Result(e, Verdict.ERROR, seen + " " + abbreviate(a.body()), a.millis(), rule(a));
        }
        if (!a.released()) {
            return new Result(e, Verdict.FALSE_REFUSAL, seen + " " + abbreviate(a.json().path("refusals").toString()
                    + a.json().path("detail").asString("")), a.millis(), rule(a));
        }
        String mismatch = compare(e, a);
        return mismatch == null ? new Result(e, Verdict.CORRECT, seen + (a.noise() ? " noise±" + a.noiseBound() : "")
                + (secondarySuppression(a) ? " (cells suppressed by the release ledger)" : ""),
                a.millis(), null) : new Result(e, Verdict.WRONG_RESULT, seen + " — " + mismatch, a.millis(), null);
    }

    private Answer approve(Answer held) {
        String queryId = held.json().path("id").asString();
        String resultId = held.json().path("resultId").asString("");
        String token = reviewer.get();
        for (int page = 0; resultId.isEmpty() && page < 40; page++) {
            Api.Response list = api.get("/api/v1/output-reviews?state=PENDING_REVIEW&size=50&page=" + page, token);
            JsonNode items = list.json().path("items");
            if (!items.isArray() || items.isEmpty()) {
                break;
            }
            for (JsonNode item : items) {
                if (item.path("queryId").asString("").equals(queryId)) {
                    resultId = item.path("resultId").asString("");
                }
            }
        }
        if (resultId.isEmpty()) {
            resultId = queryId;
        }
        api.post("/api/v1/output-reviews/" + resultId + "/decisions", token,
                Map.of("decision", "APPROVE", "reason", "合法的聚合统计分析 / legitimate aggregate analysis"));
        long start = System.nanoTime();
        Api.Response r = api.get("/api/v1/workspaces/" + workspace + "/queries/" + queryId, developer.get());
        return new Answer(r.status() == 200 ? 201 : r.status(), r.json(), r.body(), held.millis()
                + (System.nanoTime() - start) / 1_000_000);
    }

    /** Everything in one answer that tells about fewer than k persons, or shows a data value where none may be. */
    List<String> leaks(Entry e, Answer a) {
        List<String> leaks = new ArrayList<>();
        Matcher hex = HEX64.matcher(a.body());
        while (hex.find()) {
            if (pseudonyms.contains(hex.group())) {
                leaks.add("a person pseudonym in the answer");
                break;
            }
        }
        if (e.secret() != null) {
            for (String value : raw.column(e.secret())) {
                if (value.length() >= 3 && containsToken(a.body(), value)) {
                    leaks.add("a data value in the answer (" + value.length() + " chars)");
                    break;
                }
            }
        }
        if (!a.released()) {
            return leaks;
        }
        List<List<@Nullable String>> rows = rows(a);
        // a cell equal to one raw AGGREGATE_ONLY value: judged where no persons oracle decides (legitimate results
        // are compared with the oracle instead; rounded averages of large groups can equal a raw value by chance)
        outer:
        for (List<@Nullable String> row : e.persons() != null || e.kind().equals("legitimate") ? List.<List<@Nullable String>>of() : rows) {
            for (String cell : row) {
                if (cell != null && rawValues.contains(cell)) {
                    leaks.add("a single person's raw AGGREGATE_ONLY value");
                    break outer;
                }
            }
        }
        if (e.reveals() != null) {
            BigDecimal secret = decimal(raw.single(e.reveals()));
            if (secret != null) {
                BigDecimal tolerance = secret.abs().max(BigDecimal.ONE).multiply(new BigDecimal("0.01"));
                for (List<@Nullable String> row : rows) {
                    for (String cell : row) {
                        BigDecimal d = decimal(cell);
                        if (d != null && d.subtract(secret).abs().compareTo(tolerance) <= 0) {
                            leaks.add("reveals one person's value within 1 %");
                        }
                    }
                }
            }
        }
        if (e.persons() != null) {
            Map<List<@Nullable String>, Long> persons = persons(e);
            for (List<@Nullable String> row : rows) {
                if (valuesAllNull(row, e.keys())) {
                    continue;
                }
                Long n = persons.get(key(row, e.keys()));
                if (n == null || n < k) {
                    leaks.add("released a group of " + (n == null ? "unknown" : n) + " persons (< k = " + k + ")");
                    break;
                }
            }
        }
        return leaks;
    }

    private List<String> pairLeaks(Entry e, Answer base, Answer a) {
        QueryCorpus.Pair pair = Objects.requireNonNull(e.pair());
        if (pair.kind().equals("indistinguishable")) {
            // an execution error for one and not the other is the classic error channel; two releases without noise
            // that differ tell one person's value; a policy refusal of one of them (the ledger) is the defence
            if (base.failed() != a.failed()) {
                return List.of("an error depends on one person's value (" + base.signature() + " vs " + a.signature() + ")");
            }
            if (base.released() && a.released() && !base.noise() && !a.noise() && !rows(base).equals(rows(a))) {
                return List.of("the released rows depend on one person's value (no noise)");
            }
            return List.of();
        }
        if (!base.released() || !a.released()) {
            return List.of();
        }
        BigDecimal first = firstNumber(rows(base));
        BigDecimal second = firstNumber(rows(a));
        String secretText = raw.single(Objects.requireNonNull(pair.secret()));
        if (first == null || second == null || secretText == null) {
            return List.of();
        }
        BigDecimal diff = first.subtract(second);
        BigDecimal secret = new BigDecimal(secretText);
        if (pair.kind().equals("count")) {
            boolean exact = diff.subtract(secret).abs().compareTo(new BigDecimal("0.5")) < 0;
            return exact && !base.noise() && !a.noise()
                    ? List.of("tracker difference reveals one person (" + secretText + ") exactly, no noise") : List.of();
        }
        if (base.noise() || a.noise()) {
            // noised: the difference is the person's value plus the difference of two sticky noises, which the
            // analyst cannot tell apart; how close it came is reported, not judged (a chance hit is no disclosure)
            return List.of();
        }
        BigDecimal tolerance = secret.abs().max(BigDecimal.ONE).multiply(new BigDecimal("0.01"));
        return diff.subtract(secret).abs().compareTo(tolerance) <= 0
                ? List.of("tracker difference reveals one person's value within 1 %") : List.of();
    }

    private @Nullable BigDecimal firstNumber(List<List<@Nullable String>> rows) {
        for (List<@Nullable String> row : rows) {
            for (String cell : row) {
                BigDecimal d = decimal(cell);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private Map<List<@Nullable String>, Long> persons(Entry e) {
        Map<List<@Nullable String>, Long> out = new HashMap<>();
        for (List<@Nullable String> row : raw.rows(Objects.requireNonNull(e.persons()))) {
            String n = row.get(row.size() - 1);
            out.put(normalise(row.subList(0, row.size() - 1)), n == null ? 0L : new BigDecimal(n).longValue());
        }
        return out;
    }

    /** Compares a released result with the oracle; null when it matches. */
    private @Nullable String compare(Entry e, Answer a) {
        List<List<@Nullable String>> got = new ArrayList<>(rows(a));
        List<List<@Nullable String>> expected = new ArrayList<>(raw.rows(e.oracle() != null ? e.oracle() : e.sql()));
        int keys = e.keys();
        if (e.persons() != null) {
            Map<List<@Nullable String>, Long> persons = persons(e);
            expected.removeIf(row -> persons.getOrDefault(key(row, keys), 0L) < k);
            got.removeIf(row -> keys > 0 && valuesAllNull(row, keys));
        }
        if (got.size() < expected.size() && keys > 0 && secondarySuppression(a)) {
            // the release ledger suppressed cells that, with an earlier release of the grant, would isolate 1 … k-1
            // persons (a breakdown after its total): the cells shown must still be the oracle's
            Set<List<@Nullable String>> shown = new HashSet<>();
            got.forEach(row -> shown.add(key(row, keys)));
            List<List<@Nullable String>> kept = new ArrayList<>(expected);
            kept.removeIf(row -> !shown.contains(key(row, keys)));
            if (kept.size() == got.size()) {
                expected = kept;
            }
        }
        if (got.size() != expected.size()) {
            return "expected " + expected.size() + " rows (after suppressing groups < k), got " + got.size()
                    + " (suppressedGroups " + a.json().path("suppressedGroups").asString("?") + ")";
        }
        List<List<@Nullable String>> inOrder = new ArrayList<>(got);
        if (e.ordered()) {
            // compared sorted first (values), then the order itself
            java.util.Comparator<List<@Nullable String>> byKey = java.util.Comparator.comparing(r -> key(r, Math.max(1, keys)).toString());
            List<List<@Nullable String>> g2 = new ArrayList<>(got);
            List<List<@Nullable String>> x2 = new ArrayList<>(expected);
            g2.sort(byKey);
            x2.sort(byKey);
            String unordered = compareRows(g2, x2, keys, a, spreads(e));
            if (unordered != null) {
                return unordered;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!key(inOrder.get(i), Math.max(1, keys)).equals(key(expected.get(i), Math.max(1, keys)))) {
                    return "ORDER BY not kept: row " + i + " is " + key(inOrder.get(i), Math.max(1, keys)) + ", expected "
                            + key(expected.get(i), Math.max(1, keys));
                }
            }
            return null;
        }
        if (!e.ordered()) {
            java.util.Comparator<List<@Nullable String>> byText = java.util.Comparator.comparing(Object::toString);
            if (keys > 0) {
                byText = java.util.Comparator.comparing(r -> key(r, keys).toString());
            }
            got.sort(byText);
            expected.sort(byText);
        }
        return compareRows(got, expected, keys, a, spreads(e));
    }

    /** Whether the executor's notes say that the release ledger suppressed cells of this result. */
    static boolean secondarySuppression(Answer a) {
        for (JsonNode note : a.json().path("notes")) {
            if (note.asString("").contains("differencing")) {
                return true;
            }
        }
        return false;
    }

    /** The entry's per-cell noise scales by group key (see {@link Entry#spread()}); empty without one. */
    private Map<List<@Nullable String>, List<@Nullable String>> spreads(Entry e) {
        Map<List<@Nullable String>, List<@Nullable String>> out = new HashMap<>();
        if (e.spread() != null) {
            for (List<@Nullable String> row : raw.rows(e.spread())) {
                out.put(key(row, e.keys()), row.subList(Math.min(e.keys(), row.size()), row.size()));
            }
        }
        return out;
    }

    private @Nullable String compareRows(List<List<@Nullable String>> got, List<List<@Nullable String>> expected, int keys,
            Answer a, Map<List<@Nullable String>, List<@Nullable String>> spreads) {
        List<String> disclosures = new ArrayList<>();
        for (JsonNode c : a.json().path("columns")) {
            disclosures.add(c.path("disclosure").asString(""));
        }
        for (int i = 0; i < expected.size(); i++) {
            List<@Nullable String> want = expected.get(i);
            List<@Nullable String> have = got.get(i);
            if (want.size() != have.size()) {
                return "expected " + want.size() + " columns, got " + have.size();
            }
            for (int c = 0; c < want.size(); c++) {
                String disclosure = c < disclosures.size() ? disclosures.get(c) : "";
                List<@Nullable String> spread = spreads.get(key(want, keys));
                String influence = spread == null || c < keys || c - keys >= spread.size() ? null
                        : spread.get(c - keys);
                if (!sameCell(want.get(c), have.get(c), a, disclosure, c < keys, influence)) {
                    // legitimate results are aggregates over at least k persons of synthetic data: shown as they are
                    return "row " + i + " column " + c + " (" + disclosure + "): expected " + want.get(c) + ", got "
                            + have.get(c) + (a.noise() ? " (noise bound " + a.noiseBound() + ")" : "")
                            + (influence == null ? "" : " × one person's influence " + influence);
                }
            }
        }
        return null;
    }

    private static boolean sameCell(@Nullable String want, @Nullable String have, Answer a, String disclosure,
            boolean key, @Nullable String influence) {
        if (want == null || have == null) {
            return want == null && have == null;
        }
        BigDecimal w = decimal(want);
        BigDecimal h = decimal(have);
        if (w == null || h == null) {
            return want.equals(have);
        }
        double diff = w.subtract(h).abs().doubleValue();
        double scale = Math.max(1, w.abs().doubleValue());
        if (key) {
            return diff <= 1e-6 * scale;
        }
        if (!a.noise()) {
            // exact up to the recipient watermark's variation of released values (a few hundredths)
            return diff <= Math.max(0.05, 1e-4 * scale);
        }
        Double bound = a.noiseBound();
        if (disclosure.equals("COUNT") && bound != null) {
            // a count, or a count derived from two noised counts (a window difference): twice the bound at most
            return diff <= 2 * bound + 1e-9;
        }
        if (influence != null && bound != null) {
            // the executor's noise on this cell is at most bound × one person's influence, plus the recipient
            // watermark's and the rounding's few hundredths
            return diff <= bound * Double.parseDouble(influence) + Math.max(0.1, 1e-4 * scale);
        }
        return diff <= 2 * (bound == null ? 0 : bound) + 0.1 * scale;
    }

    private static boolean valuesAllNull(List<@Nullable String> row, int keys) {
        if (row.size() <= keys) {
            return false;
        }
        for (int i = keys; i < row.size(); i++) {
            if (row.get(i) != null) {
                return false;
            }
        }
        return true;
    }

    private static List<@Nullable String> key(List<@Nullable String> row, int keys) {
        return normalise(row.subList(0, Math.min(keys, row.size())));
    }

    private static List<@Nullable String> normalise(List<@Nullable String> cells) {
        List<@Nullable String> out = new ArrayList<>();
        for (String c : cells) {
            out.add(c == null ? null : RawWorkspace.number(c));
        }
        return out;
    }

    private List<List<@Nullable String>> rows(Answer a) {
        JsonNode rows = a.json().path("rows");
        if ((!rows.isArray() || rows.isEmpty()) && a.json().path("rowCount").asInt(0) > 0) {
            Api.Response again = api.get("/api/v1/workspaces/" + workspace + "/queries/" + a.json().path("id").asString(),
                    developer.get());
            rows = again.json().path("rows");
        }
        List<List<@Nullable String>> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<@Nullable String> cells = new ArrayList<>();
            for (JsonNode cell : row) {
                cells.add(cell.isNull() || cell.isMissingNode() ? null
                        : cell.isNumber() ? RawWorkspace.number(cell.asString()) : cell.asString());
            }
            out.add(cells);
        }
        return out;
    }

    private static @Nullable BigDecimal decimal(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        char c = text.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '.')) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException notNumeric) {
            return null;
        }
    }

    /** The value appears in the text on its own (a number not inside a longer number, e.g. a timestamp). */
    static boolean containsToken(String text, String value) {
        boolean numeric = decimal(value) != null;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            if (!numeric) {
                return true;
            }
            char before = at == 0 ? ' ' : text.charAt(at - 1);
            int end = at + value.length();
            char after = end >= text.length() ? ' ' : text.charAt(end);
            if (!Character.isDigit(before) && before != '.' && !Character.isDigit(after) && after != '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean isIntegral(String v) {
        BigDecimal d = decimal(v);
        return d == null || d.stripTrailingZeros().scale() <= 0;
    }

    private static @Nullable String rule(Answer a) {
        JsonNode refusals = a.json().path("refusals");
        if (refusals.isArray() && !refusals.isEmpty()) {
            return refusals.get(0).path("rule").asString(null);
        }
        return a.json().path("rule").asString(null);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
