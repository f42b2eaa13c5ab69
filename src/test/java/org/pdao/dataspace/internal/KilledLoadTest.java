package org.pdao.dataspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdao.dataspace.GeneratedCity;
import org.pdao.dataspace.SyntheticCity;
import org.pdao.dataspace.internal.ingest.CsvSource;
import org.pdao.dataspace.internal.ingest.DatasetColumns;
import org.pdao.dataspace.internal.ingest.FileDigest;
import org.pdao.dataspace.internal.ingest.StagedLoad;

/** A load killed midway (the whole JVM, with {@code destroyForcibly}) leaves the zone's raw store as it was. */
class KilledLoadTest {

    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 42);
    }

    @TempDir
    Path dir;

    @Test
    void aLoadKilledMidwayLeavesTheStoreAsItWasAndARerunGivesTheSameDigest() throws Exception {
        Path store = dir.resolve("zone.duckdb");
        GeneratedCity small = SyntheticCity.generate(7, 500, dir.resolve("small"));
        GeneratedCity big = SyntheticCity.generate(7, 150_000, dir.resolve("big"));
        Path bigFile = dir.resolve("big").resolve(SyntheticCity.SOCIAL_INSURANCE);

        String before;
        try (RawStore raw = RawStore.open(store, KEY)) {
            load(raw, dir.resolve("small").resolve(SyntheticCity.SOCIAL_INSURANCE));
            before = fingerprint(raw);
        }
        assertThat(before).startsWith(small.file(SyntheticCity.SOCIAL_INSURANCE).rows() + ":");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                KilledLoadChild.class.getName(),
                store.toString(), HexFormat.of().formatHex(KEY), bigFile.toString(), "social_insurance")
                .redirectErrorStream(true).start();
        long seen = 0;
        boolean arrow = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                arrow |= line.equals("ARROW true");
                if (line.startsWith("ROWS ")) {
                    seen = Long.parseLong(line.substring(5));
                    if (seen >= 40_000) {
                        break;
                    }
                }
                assertThat(line).as("the child finished before it was killed").isNotEqualTo("DONE");
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(arrow).as("the child loads through Arrow batches, as the service does").isTrue();
        assertThat(seen).as("killed midway").isGreaterThanOrEqualTo(40_000)
                .isLessThan(big.file(SyntheticCity.SOCIAL_INSURANCE).rows());

        try (RawStore raw = RawStore.open(store, KEY)) {
            assertThat(fingerprint(raw)).isEqualTo(before);
            assertThat(query(raw, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'stg_%'"))
                    .isEqualTo("0");
            String first = load(raw, bigFile);
            String loaded = fingerprint(raw);
            assertThat(loaded).startsWith(big.file(SyntheticCity.SOCIAL_INSURANCE).rows() + ":");
            assertThat(load(raw, bigFile)).isEqualTo(first);
            assertThat(fingerprint(raw)).isEqualTo(loaded);

            // a load that is decided against once staged (as an unchanged digest is) rolls back: nothing changes
            try (CsvSource csv = new CsvSource(dir.resolve("small").resolve(SyntheticCity.SOCIAL_INSURANCE),
                    StandardCharsets.UTF_8)) {
                StagedLoad.Staged refused = StagedLoad.run(raw.connection(), "social_insurance", "stg_test",
                        DatasetColumns.resolve(KilledLoadChild.SOCIAL_INSURANCE, csv.columns(), null, java.util.Map.of()),
                        csv, rows -> {}, s -> false);
                assertThat(refused.rows()).isEqualTo(small.file(SyntheticCity.SOCIAL_INSURANCE).rows());
            }
            assertThat(fingerprint(raw)).isEqualTo(loaded);
            assertThat(query(raw, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'stg_%'"))
                    .isEqualTo("0");
        }
    }

    /** Loads the file as the platform does and returns the SM3 content digest it computed (alongside the parse). */
    private static String load(RawStore raw, Path file) throws Exception {
        try (CsvSource csv = new CsvSource(file, StandardCharsets.UTF_8)) {
            DatasetColumns columns = DatasetColumns.resolve(KilledLoadChild.SOCIAL_INSURANCE, csv.columns(), null,
                    java.util.Map.of());
            StagedLoad.Staged staged = StagedLoad.run(raw.connection(), "social_insurance", "stg_test", columns, csv,
                    rows -> {}, s -> true);
            assertThat(staged.contentDigest()).as("the digest of the bytes the parser read")
                    .isEqualTo(FileDigest.of(file));
            return staged.contentDigest();
        }
    }

    /** Row count and an order-independent checksum of the table's content. */
    private static String fingerprint(RawStore raw) throws Exception {
        return query(raw, "SELECT count(*) || ':' || sum(hash(id_number, month, insurance_type, base, amount)) "
                + "FROM social_insurance");
    }

    private static String query(RawStore raw, String sql) throws Exception {
        try (Statement s = raw.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
