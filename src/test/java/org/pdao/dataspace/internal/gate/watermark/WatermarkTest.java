package org.pdao.dataspace.internal.gate.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.dataspace.internal.gate.ResultColumn.Disclosure;
import org.pdao.shared.crypto.Sm3;

/**
 * The recipient watermark without the platform around it: marks stay within their bound, and a leaked copy —
 * shuffled, cut to 30 % of its rows, reformatted from CSV to JSON or pasted from a spreadsheet, with numbers and
 * spaces rewritten — is traced to its recipient; a file never issued, or rounded coarser than the marks, is not.
 */
class WatermarkTest {

    static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("region_code", "VARCHAR", Disclosure.CLEAR),
            new ResultColumn("age_band", "VARCHAR", Disclosure.CLEAR),
            new ResultColumn("persons", "BIGINT", Disclosure.COUNT),
            new ResultColumn("avg_income", "DOUBLE", Disclosure.AGGREGATE),
            new ResultColumn("avg_cost", "DECIMAL(18,2)", Disclosure.AGGREGATE));

    static Watermarker.Released released(Double noise) {
        List<List<Object>> rows = new ArrayList<>();
        Random random = new Random(7);
        for (int region = 0; region < 6; region++) {
            for (int band = 0; band < 8; band++) {
                rows.add(List.of("3212" + String.format("%02d", region), (band * 10) + "-" + (band * 10 + 9),
                        (long) (20 + random.nextInt(300)),
                        BigDecimal.valueOf(3000 + random.nextInt(9000) + random.nextInt(100) / 100.0),
                        BigDecimal.valueOf(100 + random.nextInt(900) + random.nextInt(100) / 100.0)));
            }
        }
        return new Watermarker.Released(COLUMNS, rows, noise, Set.of());
    }

    static byte[] key(String who) {
        return Sm3.digest(("test-key-" + who).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void marksStayWithinTwoHundredThousandthsAndKeepExactCountsExact() {
        Watermarker.Released released = released(null);
        Watermarker.MarkedTable marked = Watermarker.mark(released, key("alice"));
        assertThat(marked.marks()).isEqualTo(96);
        for (int i = 0; i < released.rows().size(); i++) {
            List<Object> o = released.rows().get(i);
            List<Object> m = marked.rows().get(i);
            assertThat(m.get(2)).isEqualTo(o.get(2));
            for (int c = 3; c <= 4; c++) {
                BigDecimal a = (BigDecimal) o.get(c);
                BigDecimal b = (BigDecimal) m.get(c);
                assertThat(a.subtract(b).abs().doubleValue()).isLessThanOrEqualTo(a.doubleValue() * 2.1e-5);
            }
        }
    }

    @Test
    void keepsTheReleasedRowOrderAndGroupKeysByteForByteForEveryRecipient() {
        Watermarker.Released released = released(3.0);
        for (String who : List.of("alice", "bob", "carol")) {
            Watermarker.MarkedTable marked = Watermarker.mark(released, key(who));
            assertThat(marked.rows()).hasSameSizeAs(released.rows());
            for (int i = 0; i < released.rows().size(); i++) {
                // the analyst's ORDER BY: row i of the file is released row i
                assertThat(marked.rows().get(i).subList(0, 2)).isEqualTo(released.rows().get(i).subList(0, 2));
                for (int c = 0; c < 2; c++) {
                    assertThat(((String) marked.rows().get(i).get(c)).getBytes(StandardCharsets.UTF_8))
                            .isEqualTo(((String) released.rows().get(i).get(c)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        // texts of any disclosure carry no mark: a look-alike would break the analyst's joins and comparisons
        Watermarker.Released texts = new Watermarker.Released(List.of(
                new ResultColumn("month", "VARCHAR", Disclosure.CLEAR),
                new ResultColumn("codes", "VARCHAR", Disclosure.AGGREGATE)),
                List.of(List.of("2025-03", "J06.9,I10"), List.of("2025-04", "K29.7/(a)")), 3.0, Set.of());
        assertThat(Watermarker.mark(texts, key("alice")).rows()).isEqualTo(texts.rows());
        assertThat(Watermarker.mark(texts, key("alice")).marks()).isZero();
    }

    @Test
    void countsVaryByOneOnlyWhenTheExecutorNoisedThem() {
        Watermarker.Released released = released(3.0);
        Watermarker.MarkedTable marked = Watermarker.mark(released, key("alice"));
        boolean changed = false;
        for (int i = 0; i < released.rows().size(); i++) {
            long o = (Long) released.rows().get(i).get(2);
            long m = (Long) marked.rows().get(i).get(2);
            assertThat(Math.abs(o - m)).isLessThanOrEqualTo(1);
            changed |= o != m;
        }
        assertThat(changed).isTrue();
    }

    @Test
    void tracesAShuffledTruncatedReformattedCopyToItsRecipient() {
        Watermarker.Released released = released(null);
        List<MarkMatcher.Candidate> candidates = new ArrayList<>();
        List<String> people = List.of("alice", "bob", "carol-of-another-org");
        List<UUID> ids = new ArrayList<>();
        for (String who : people) {
            UUID id = UUID.nameUUIDFromBytes(who.getBytes(StandardCharsets.UTF_8));
            ids.add(id);
            candidates.add(new MarkMatcher.Candidate(UUID.randomUUID(), id,
                    Watermarker.mark(released, key(who)).rows()));
        }
        for (int p = 0; p < people.size(); p++) {
            Watermarker.MarkedTable copy = Watermarker.mark(released, key(people.get(p)));
            for (String form : List.of("json", "tsv", "csv")) {
                byte[] leaked = leak(copy, form, p);
                MarkMatcher.Outcome outcome = MarkMatcher.compare(released, candidates,
                        LeakedFile.read(leaked).orElseThrow());
                MarkMatcher.Score best = outcome.best();
                assertThat(best).as(form).isNotNull();
                assertThat(best.recipientId()).as(people.get(p) + " " + form).isEqualTo(ids.get(p));
                assertThat(best.pValue()).as(form).isLessThan(1e-6);
                assertThat(outcome.alignedRows()).isEqualTo(14);
                assertThat(best.matched()).isEqualTo(best.total());
                outcome.scores().stream().filter(s -> s != best)
                        .forEach(s -> assertThat(s.pValue()).isGreaterThan(1e-3));
            }
        }
    }

    @Test
    void doesNotTraceAFileNeverIssuedNorOneRoundedCoarserThanTheMarks() {
        Watermarker.Released released = released(null);
        List<MarkMatcher.Candidate> candidates = List.of(
                new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(),
                        Watermarker.mark(released, key("alice")).rows()),
                new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(),
                        Watermarker.mark(released, key("bob")).rows()));
        // the unmarked values themselves (never issued to anyone)
        Watermarker.MarkedTable unmarked = new Watermarker.MarkedTable(COLUMNS, released.rows(), 0);
        MarkMatcher.Score plain = MarkMatcher.compare(released, candidates,
                LeakedFile.read(leak(unmarked, "csv", 0)).orElseThrow()).best();
        assertThat(plain == null || plain.pValue() > 1e-6).isTrue();

        // numbers rounded to whole units by the leaker: no mark survives
        Watermarker.MarkedTable copy = Watermarker.mark(released, key("alice"));
        StringBuilder csv = new StringBuilder("region_code,age_band,persons,avg_income,avg_cost\n");
        for (List<Object> r : copy.rows()) {
            csv.append(r.get(0)).append(',').append(r.get(1)).append(',').append(r.get(2))
                    .append(',').append(((BigDecimal) r.get(3)).setScale(0, java.math.RoundingMode.HALF_UP))
                    .append(',').append(((BigDecimal) r.get(4)).setScale(0, java.math.RoundingMode.HALF_UP))
                    .append('\n');
        }
        MarkMatcher.Outcome rounded = MarkMatcher.compare(released, candidates,
                LeakedFile.read(csv.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow());
        assertThat(rounded.best() == null || rounded.best().pValue() > 1e-6).isTrue();

        // a table of another result entirely
        MarkMatcher.Outcome other = MarkMatcher.compare(released, candidates, LeakedFile.read(
                "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)).orElseThrow());
        assertThat(other.alignedRows()).isZero();
    }

    @Test
    void namesTheRightRecipientAmongManySimilarCopiesWithAMarginOverTheRunnerUp() {
        Watermarker.Released released = released(3.0);
        List<MarkMatcher.Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            candidates.add(new MarkMatcher.Candidate(UUID.randomUUID(),
                    UUID.nameUUIDFromBytes(("p" + p).getBytes(StandardCharsets.UTF_8)),
                    Watermarker.mark(released, key("p" + p)).rows()));
        }
        Watermarker.MarkedTable copy = Watermarker.mark(released, key("p17"));
        List<List<Object>> rows = new ArrayList<>(copy.rows());
        Collections.shuffle(rows, new Random(3));
        StringBuilder csv = new StringBuilder("region_code,age_band,persons,avg_income,avg_cost\n");
        for (List<Object> r : rows.subList(0, 6)) {
            csv.append(r.stream().map(v -> v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v))
                    .collect(Collectors.joining(","))).append('\n');
        }
        MarkMatcher.Outcome outcome = MarkMatcher.compare(released, candidates,
                LeakedFile.read(csv.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow());
        MarkMatcher.Score best = outcome.best();
        MarkMatcher.Score second = outcome.runnerUp();
        assertThat(outcome.alignedRows()).isEqualTo(6);
        assertThat(best).isNotNull();
        assertThat(best.recipientId()).isEqualTo(candidates.get(17).recipientId());
        assertThat(best.matched()).isEqualTo(18);
        // chance cannot explain it even after 300 comparisons, and the runner-up is far less likely
        assertThat(best.pValue() * candidates.size()).isLessThan(1e-6);
        assertThat(second).isNotNull();
        assertThat(second.recipientId()).isNotEqualTo(best.recipientId());
        assertThat(best.logLikelihood() - second.logLikelihood()).isGreaterThan(6);
        assertThat(second.matched()).isLessThan(best.matched());
    }

    @Test
    void aFileMixingTwoRecipientsRowsLeavesNoMarginToNameEither() {
        Watermarker.Released released = released(3.0);
        Watermarker.MarkedTable alice = Watermarker.mark(released, key("alice"));
        Watermarker.MarkedTable bob = Watermarker.mark(released, key("bob"));
        List<MarkMatcher.Candidate> candidates = List.of(
                new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(), alice.rows()),
                new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(), bob.rows()));
        StringBuilder csv = new StringBuilder("region_code,age_band,persons,avg_income,avg_cost\n");
        for (int i = 0; i < released.rows().size(); i++) {
            List<Object> r = (i % 2 == 0 ? alice : bob).rows().get(i);
            csv.append(r.stream().map(v -> v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v))
                    .collect(Collectors.joining(","))).append('\n');
        }
        MarkMatcher.Outcome outcome = MarkMatcher.compare(released, candidates,
                LeakedFile.read(csv.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow());
        double a = outcome.scores().get(0).logLikelihood();
        double b = outcome.scores().get(1).logLikelihood();
        // each copy explains only its half: neither is far more likely than the other, nor likely at all
        assertThat(Math.abs(a - b)).isLessThan(6);
        assertThat(Math.max(a, b)).isLessThan(0);
    }

    @Test
    void aValueWrittenMoreCoarselyThanItsMarkShowsNoMark() {
        Watermarker.Released released = released(null);
        Watermarker.MarkedTable copy = Watermarker.mark(released, key("alice"));
        StringBuilder csv = new StringBuilder("region_code,age_band,persons,avg_income,avg_cost\n");
        for (List<Object> r : copy.rows()) {
            // avg_cost (under 1000) is marked in thousandths: cut to hundredths, any variant could have been rounded
            // to it; avg_income to whole units
            csv.append(r.get(0)).append(',').append(r.get(1)).append(',').append(r.get(2)).append(',')
                    .append(((BigDecimal) r.get(3)).setScale(0, java.math.RoundingMode.HALF_UP)).append(',').append(((BigDecimal) r.get(4)).setScale(2, java.math.RoundingMode.HALF_UP)).append('\n');
        }
        MarkMatcher.Outcome outcome = MarkMatcher.compare(released,
                List.of(new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(), copy.rows())),
                LeakedFile.read(csv.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow());
        assertThat(outcome.alignedRows()).isEqualTo(released.rows().size());
        assertThat(outcome.total()).isZero();
    }

    @Test
    void readsNumbersHoweverTheyAreWritten() {
        assertThat(CellVariants.decimal("\uFF11\uFF12\uFF13\uFF14.5")).isEqualByComparingTo("1234.5");
        assertThat(CellVariants.decimal("1.2345E+3")).isEqualByComparingTo("1234.5");
        assertThat(CellVariants.decimal(" 5,234.57 ")).isEqualByComparingTo("5234.57");
        assertThat(CellVariants.decimal("3212-01")).isNull();
        assertThat(CellVariants.fold(" 30\u221239\u200B ")).isEqualTo("30-39");
    }

    @Test
    void tracesACopyWhoseHeaderWasDroppedByColumnPosition() {
        Watermarker.Released released = released(null);
        Watermarker.MarkedTable copy = Watermarker.mark(released, key("bob"));
        List<MarkMatcher.Candidate> candidates = List.of(
                new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(),
                        Watermarker.mark(released, key("alice")).rows()),
                new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(), copy.rows()));
        String csv = new String(leak(copy, "csv", 5), StandardCharsets.UTF_8);
        String headless = csv.substring(csv.indexOf('\n') + 1);
        MarkMatcher.Score best = MarkMatcher.compare(released, candidates,
                LeakedFile.read(headless.getBytes(StandardCharsets.UTF_8)).orElseThrow()).best();
        assertThat(best).isNotNull();
        assertThat(best.recipientId()).isEqualTo(candidates.get(1).recipientId());
        assertThat(best.pValue()).isLessThan(1e-6);
    }

    @Test
    void readsFilesByTheirContentOnly() {
        assertThat(LeakedFile.read(new byte[] {0x50, 0x4b, 0x03, 0x04, 0, 0, 1})).isEmpty();
        assertThat(LeakedFile.read("{\"not\": \"a table\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LeakedFile.read("[[1,2],[3,4]]".getBytes(StandardCharsets.UTF_8))).isPresent();
        assertThat(LeakedFile.read("\uFEFFx;y\r\n1;2\r\n".getBytes(StandardCharsets.UTF_8)).orElseThrow().names())
                .containsExactly("x", "y");
    }

    /** A leaked copy: the rows shuffled, 30 % of them kept, reformatted. */
    static byte[] leak(Watermarker.MarkedTable copy, String form, int seed) {
        List<List<Object>> rows = new ArrayList<>(copy.rows());
        Collections.shuffle(rows, new Random(seed + 11));
        rows = rows.subList(0, (int) Math.round(rows.size() * 0.3));
        List<String> names = copy.columns().stream().map(ResultColumn::name).toList();
        StringBuilder out = new StringBuilder();
        switch (form) {
            case "json" -> {
                // numbers with trailing zeros, keys reordered, pretty-printed with odd spacing
                out.append("{ \"data\" : [\n");
                for (int i = 0; i < rows.size(); i++) {
                    List<Object> r = rows.get(i);
                    out.append("  {\"avg_cost\": ").append(((BigDecimal) r.get(4)).setScale(4).toPlainString())
                            .append(", \"persons\":").append(r.get(2)).append(",\"region_code\": \"").append(r.get(0))
                            .append("\", \"age_band\": \"").append(r.get(1)).append("\", \"avg_income\": ")
                            .append(((BigDecimal) r.get(3)).toPlainString()).append("}")
                            .append(i + 1 < rows.size() ? ",\n" : "\n");
                }
                out.append("]}");
            }
            case "tsv" -> {
                // pasted from a spreadsheet: tabs, thousands separators, spaces around cells, zero-width characters
                out.append(String.join("\t", names)).append("\r\n");
                for (List<Object> r : rows) {
                    out.append(' ').append(r.get(0)).append("\u200B\t").append(r.get(1)).append(" \t")
                            .append(String.format("%,d", (Long) r.get(2))).append('\t')
                            .append(String.format("%,.2f", (BigDecimal) r.get(3))).append('\t')
                            .append(((BigDecimal) r.get(4)).toPlainString()).append("\r\n");
                }
            }
            default -> {
                out.append(names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))).append('\n');
                for (List<Object> r : rows) {
                    out.append(r.stream().map(v -> v instanceof BigDecimal d ? d.toPlainString() : "\"" + v + "\"")
                            .collect(Collectors.joining(","))).append('\n');
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
