package org.pdao.dataspace.internal;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.GeneratedCity;
import org.pdao.dataspace.SyntheticCity;
import org.pdao.dataspace.internal.ingest.CsvSource;
import org.pdao.dataspace.internal.ingest.DatasetColumns;
import org.pdao.dataspace.internal.ingest.JdbcSource;
import org.pdao.dataspace.internal.ingest.SourceRelation;
import org.pdao.dataspace.internal.ingest.StagedLoad;
import org.postgresql.PGConnection;

/**
 * Ingestion rate of the synthetic city's social insurance payments (about 3.1 rows per resident:
 * 3.2 million residents give about 1e7 rows) from CSV and from PostgreSQL, against DuckDB's own
 * {@code read_csv} bulk load of the same file into an encrypted DuckDB file, in one run: the three paths take turns
 * for {@code pdao.bench.rounds} rounds (default 3) and the ratio is of their medians, since one DuckDB load of the
 * same file took 7.3 to 16.1 s on the same machine. Prints each round, rows per second, the ratio and the peak heap
 * and RSS of each path. See docs/benchmarks.md.
 */
@Tag("benchmark")
class IngestionBenchmark {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 3);
    }

    @Test
    void ingestionRateAgainstDuckDbBulkLoad() throws Exception {
        int residents = Integer.getInteger("pdao.bench.residents", 3_200_000);
        Path dir = Files.createTempDirectory("pdao-ingestion-bench");
        try {
            long t0 = System.nanoTime();
            GeneratedCity city = SyntheticCity.generate(11, residents, dir.resolve("city"));
            Path csv = dir.resolve("city").resolve(SyntheticCity.SOCIAL_INSURANCE);
            long rows = city.file(SyntheticCity.SOCIAL_INSURANCE).rows();
            System.out.printf("generated %d residents, %d payment rows, %.0f MB in %.1f s%n", residents, rows,
                    Files.size(csv) / 1e6, seconds(t0));

            int rounds = Integer.getInteger("pdao.bench.rounds", 3);
            String url = System.getProperty("pdao.bench.pg-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
            Connection pg = postgres(url, csv);
            List<List<Phase>> byPath = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            try {
                // the paths take turns, round after round, so that a slow moment of the machine hits all of them
                for (int round = 1; round <= rounds; round++) {
                    System.out.printf("round %d of %d%n", round, rounds);
                    byPath.get(0).add(measure(DUCKDB, rows, () -> duckDb(dir, csv, rows)));
                    byPath.get(1).add(measure(CSV, rows, () -> csv(dir, csv, rows)));
                    if (pg != null) {
                        byPath.get(2).add(measure(JDBC, rows, () -> jdbc(dir, url, rows)));
                    }
                }
            } finally {
                if (pg != null) {
                    try (pg; Statement st = pg.createStatement()) {
                        st.execute("DROP TABLE IF EXISTS pdao_bench_payments");
                    }
                }
            }
            double reference = median(byPath.get(0));
            System.out.println();
            System.out.printf("| path | rows | median seconds (%d rounds) | each round | rows/s | ratio to DuckDB read_csv "
                    + "(medians) | peak heap MB | peak RSS MB |%n", rounds);
            System.out.printf("|---|---|---|---|---|---|---|---|%n");
            for (List<Phase> phases : byPath) {
                if (phases.isEmpty()) {
                    continue;
                }
                double median = median(phases);
                System.out.printf("| %s | %d | %.1f | %s | %.0f | %.2f | %d | %d |%n", phases.get(0).name(), rows, median,
                        phases.stream().map(x -> String.format("%.1f", x.seconds())).collect(Collectors.joining(", ")),
                        rows / median, reference / median, phases.stream().mapToLong(Phase::heapMb).max().orElse(0),
                        phases.stream().mapToLong(Phase::rssMb).max().orElse(0));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final String DUCKDB = "DuckDB read_csv bulk load";
    private static final String CSV = "PDAO CSV ingestion (parse + file SM3 alongside + profile + append + duplicates)";
    private static final String JDBC =
            "PDAO JDBC ingestion from PostgreSQL (COPY TO STDOUT + row SM3 + profile + append + duplicates)";

    private static void duckDb(Path dir, Path csv, long rows) throws Exception {
        Files.deleteIfExists(dir.resolve("duck.duckdb"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET force_mbedtls_unsafe = true");
            s.execute("ATTACH '" + dir.resolve("duck.duckdb") + "' AS raw (ENCRYPTION_KEY '"
                    + HexFormat.of().formatHex(KEY) + "')");
            s.execute("USE raw");
            s.execute("CREATE TABLE social_insurance AS SELECT * FROM read_csv('" + csv
                    + "', header = true, all_varchar = true)");
            s.execute("CHECKPOINT");
            check(c, rows);
        }
    }

    private static void csv(Path dir, Path csv, long rows) throws Exception {
        Files.deleteIfExists(dir.resolve("ours.duckdb"));
        try (RawStore store = RawStore.open(dir.resolve("ours.duckdb"), KEY)) {
            try (CsvSource source = new CsvSource(csv, StandardCharsets.UTF_8)) {
                StagedLoad.Staged staged = StagedLoad.run(store.connection(), "social_insurance", "stg_bench",
                        columns(source.columns()), source, n -> {}, s -> s.contentDigest() != null);
                if (staged.contentDigest() == null) {
                    throw new AssertionError("no digest of the file");
                }
            }
            check(store.connection(), rows);
        }
    }

    private static void jdbc(Path dir, String url, long rows) throws Exception {
        Files.deleteIfExists(dir.resolve("pg.duckdb"));
        try (RawStore store = RawStore.open(dir.resolve("pg.duckdb"), KEY);
                JdbcSource source = new JdbcSource(url, "postgres", "", SourceRelation.of("pdao_bench_payments"), true)) {
            StagedLoad.run(store.connection(), "social_insurance", "stg_bench", columns(source.columns()), source,
                    n -> {}, s -> s.contentDigest() != null);
            check(store.connection(), rows);
        }
    }

    /** The source table in PostgreSQL, loaded from the CSV (not counted); null (loudly) when PostgreSQL is not there. */
    private static @Nullable Connection postgres(String url, Path csv) throws Exception {
        Connection pg;
        try {
            pg = DriverManager.getConnection(url, "postgres", "");
        } catch (SQLException e) {
            System.err.println("!!! PostgreSQL unreachable at " + url + ": the JDBC phase is NOT measured !!!");
            return null;
        }
        try (Statement s = pg.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pdao_bench_payments");
            s.execute("CREATE UNLOGGED TABLE pdao_bench_payments (id_number varchar(18), month varchar(7), "
                    + "insurance_type varchar(10), base varchar(12), amount varchar(12))");
        }
        long t = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
            pg.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY pdao_bench_payments FROM STDIN WITH (FORMAT csv, HEADER true)", in);
        }
        System.out.printf("setup: COPY of the CSV into PostgreSQL took %.1f s (not counted)%n", seconds(t));
        return pg;
    }

    private static double median(List<Phase> phases) {
        double[] seconds = phases.stream().mapToDouble(Phase::seconds).sorted().toArray();
        int n = seconds.length;
        return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    }

    private static DatasetColumns columns(java.util.List<String> header) {
        return DatasetColumns.resolve(KilledLoadChild.SOCIAL_INSURANCE, header, null, Map.of());
    }

    private static void check(Connection c, long rows) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM social_insurance")) {
            rs.next();
            if (rs.getLong(1) != rows) {
                throw new AssertionError("loaded " + rs.getLong(1) + " rows, expected " + rows);
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    record Phase(String name, double seconds, long heapMb, long rssMb) {}

    private static Phase measure(String name, long rows, Work work) throws Exception {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        resetPeakRss();
        long t = System.nanoTime();
        work.run();
        double s = seconds(t);
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        Phase phase = new Phase(name, s, heap >> 20, peakRssKb() >> 10);
        System.out.printf("%s: %d rows in %.1f s = %.0f rows/s, peak heap %d MB, peak RSS %d MB%n", name, rows, s,
                rows / s, phase.heapMb, phase.rssMb);
        return phase;
    }

    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            // not Linux: the peak is the process's since start
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
