package org.pdao.dataspace.internal.gate.watermark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.dataspace.internal.gate.ResultColumn.Disclosure;

/**
 * Time to mark one issue and to trace a leaked 30 % copy against 10 and against 100 recipients' issues, for results of
 * 1 000, 10 000 and 50 000 rows (region × band group keys, a noised count and two decimal aggregates), with the margin
 * of the named recipient over the runner-up (log10 likelihood ratio). Prints one line per size and number of
 * recipients.
 * Run on request: {@code ./mvnw -o -q test -Dpdao.excludedGroups=none -Dtest=WatermarkBenchmark}.
 */
@Tag("benchmark")
class WatermarkBenchmark {

    @Test
    void markAndTrace() {
        for (int size : new int[] {1_000, 10_000, 50_000}) {
            List<ResultColumn> columns = WatermarkTest.COLUMNS;
            List<List<Object>> rows = new ArrayList<>(size);
            Random random = new Random(size);
            for (int i = 0; i < size; i++) {
                rows.add(List.of("3212" + String.format("%02d", i % 97), (i / 97) + "-" + (i / 97 + 9),
                        (long) (20 + random.nextInt(300)),
                        BigDecimal.valueOf(3000 + random.nextInt(9000) + random.nextInt(100) / 100.0),
                        BigDecimal.valueOf(100 + random.nextInt(900) + random.nextInt(100) / 100.0)));
            }
            Watermarker.Released released = new Watermarker.Released(columns, rows, 2.0, Set.of());
            for (int recipients : new int[] {10, 100}) {
                List<MarkMatcher.Candidate> candidates = new ArrayList<>();
                for (int r = 0; r < recipients; r++) {
                    candidates.add(new MarkMatcher.Candidate(UUID.randomUUID(), UUID.randomUUID(),
                            Watermarker.mark(released, WatermarkTest.key("r" + r)).rows()));
                }
                long t0 = System.nanoTime();
                Watermarker.MarkedTable copy = Watermarker.mark(released, WatermarkTest.key("r3"));
                long marked = System.nanoTime() - t0;
                byte[] leaked = WatermarkTest.leak(copy, "csv", 1);
                t0 = System.nanoTime();
                MarkMatcher.Outcome outcome = MarkMatcher.compare(released, candidates,
                        LeakedFile.read(leaked).orElseThrow());
                long traced = System.nanoTime() - t0;
                MarkMatcher.Score best = outcome.best();
                MarkMatcher.Score second = outcome.runnerUp();
                System.out.printf("watermark rows=%d marks=%d mark=%.1f ms trace(30%%, %d issues)=%.1f ms aligned=%d "
                        + "matched=%d/%d right=%s chance=%.2e runner-up=%d margin(log10)=%.0f bytes=%d%n", size,
                        copy.marks(), marked / 1e6, recipients, traced / 1e6, outcome.alignedRows(), best.matched(),
                        best.total(), best.recipientId().equals(candidates.get(3).recipientId()),
                        Math.min(1, best.pValue() * recipients), second.matched(),
                        best.logLikelihood() - second.logLikelihood(), leaked.length);
            }
        }
    }
}
