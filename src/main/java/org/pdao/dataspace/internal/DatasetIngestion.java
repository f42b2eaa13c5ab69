package org.pdao.dataspace.internal;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.LoadProgress;
import org.pdao.dataspace.LoadState;
import org.pdao.dataspace.Zone;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Loads an uploaded CSV file into a zone's raw store, in the background. The platform parses the
 * file itself and streams the rows through DuckDB's appender into a staging table, so the store's
 * connection stays locked down (no {@code read_csv}, no file access); only when every row is in does
 * one DuckDB transaction swap the staging table in, so a failure midway leaves the zone as it was.
 * The SM3 digest of the uploaded bytes identifies the content: loading the same content again
 * changes nothing. Every load is audited with its digest.
 */
@Service
class DatasetIngestion implements AutoCloseable {

    /** What to load: the dataset (table) name, its person-key column, the encoding and a grade 1-4 for every column. */
    record Request(String dataset, String personKey, String encoding, Map<String, Integer> grades) {}

    private static final Logger log = LoggerFactory.getLogger(DatasetIngestion.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> ENCODINGS = Set.of("UTF-8", "GBK");
    private static final int PROGRESS_EVERY_ROWS = 5_000;

    private record Running(AtomicLong rows, AtomicLong bytes) {}

    private final JdbcClient jdbc;
    private final ZoneRegistry zones;
    private final AuditTrail audit;
    private final DataspaceSettings settings;
    private final Clock clock;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dataspace-load");
        thread.setDaemon(true);
        return thread;
    });

    DatasetIngestion(JdbcClient jdbc, ZoneRegistry zones, AuditTrail audit, DataspaceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.zones = zones;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Checks the request and the file's header, keeps the upload and starts the load; with
     * {@code background} false it returns only when the load has finished.
     */
    LoadProgress start(Zone zone, InputStream content, Request request, Actor actor, boolean background) {
        if (!IDENTIFIER.matcher(request.dataset()).matches()) {
            throw ProblemException.badRequest("dataspace.dataset.name-invalid");
        }
        if (!ENCODINGS.contains(request.encoding())) {
            throw ProblemException.badRequest("dataspace.dataset.encoding-invalid");
        }
        UUID loadId = UUID.randomUUID();
        Path upload = settings.uploadDir().resolve(loadId + ".csv");
        try {
            String sm3 = keep(content, upload);
            try {
                checkHeader(header(upload, Charset.forName(request.encoding())), request);
            } catch (RuntimeException refused) {
                Files.deleteIfExists(upload);
                throw refused;
            }
            Instant now = clock.instant();
            jdbc.sql("""
                    insert into dataspace_load (id, zone_id, dataset_name, state, rows_loaded, bytes_total, bytes_read,
                        content_sm3, unchanged, started_by, started_at)
                    values (?, ?, ?, 'RUNNING', 0, ?, 0, ?, false, ?, ?)""")
                    .params(loadId, zone.id(), request.dataset(), Files.size(upload), sm3, actor.username(),
                            Timestamp.from(now))
                    .update();
            running.put(loadId, new Running(new AtomicLong(), new AtomicLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runnable load = () -> run(zone, loadId, upload, request, actor);
        if (background) {
            worker.submit(load);
        } else {
            load.run();
        }
        return progress(zone.id(), loadId);
    }

    LoadProgress progress(UUID zoneId, UUID loadId) {
        LoadProgress stored = jdbc.sql("select * from dataspace_load where id = ? and zone_id = ?")
                .params(loadId, zoneId).query((rs, n) -> {
                    long total = rs.getLong("bytes_total");
                    Instant started = rs.getTimestamp("started_at").toInstant();
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new LoadProgress(loadId, zoneId, rs.getString("dataset_name"),
                            LoadState.valueOf(rs.getString("state")), rs.getLong("rows_loaded"),
                            percent(rs.getLong("bytes_read"), total), 0, rs.getString("content_sm3"),
                            rs.getBoolean("unchanged"), rs.getString("failure"), started,
                            finished == null ? null : finished.toInstant());
                }).optional().orElseThrow(() -> ProblemException.notFound("load", loadId));
        Running live = running.get(loadId);
        long rows = live != null && stored.state() == LoadState.RUNNING ? live.rows().get() : stored.rows();
        double percent = stored.state() == LoadState.SUCCEEDED ? 100
                : live != null ? percent(live.bytes().get(), total(loadId)) : stored.percent();
        Instant end = stored.finishedAt() == null ? clock.instant() : stored.finishedAt();
        double seconds = Math.max(0.001, Duration.between(stored.startedAt(), end).toMillis() / 1000.0);
        return new LoadProgress(loadId, zoneId, stored.dataset(), stored.state(), rows, percent,
                Math.round(rows / seconds * 10) / 10.0, stored.contentSm3(), stored.unchanged(), stored.failure(),
                stored.startedAt(), stored.finishedAt());
    }

    private long total(UUID loadId) {
        return jdbc.sql("select bytes_total from dataspace_load where id = ?").param(loadId).query(Long.class).single();
    }

    private void run(Zone zone, UUID loadId, Path upload, Request request, Actor actor) {
        String sm3 = jdbc.sql("select content_sm3 from dataspace_load where id = ?").param(loadId)
                .query(String.class).single();
        String grades = grades(request.grades());
        AuditEvent event = AuditEvent.of("dataspace.dataset-load", "zone", zone.id()).by(actor)
                .with("load", loadId).with("dataset", request.dataset()).with("sm3", sm3);
        try {
            Optional<Long> same = jdbc.sql("""
                    select row_count from dataspace_dataset
                    where zone_id = ? and name = ? and content_sm3 = ? and person_key = ? and column_grades = ?""")
                    .params(zone.id(), request.dataset(), sm3, request.personKey(), grades).query(Long.class).optional();
            long rows;
            boolean unchanged = same.isPresent();
            if (unchanged) {
                rows = same.get();
            } else {
                rows = append(zone, loadId, upload, request);
                record(zone, request, grades, rows, sm3);
            }
            jdbc.sql("""
                    update dataspace_load set state = 'SUCCEEDED', rows_loaded = ?, bytes_read = bytes_total,
                        unchanged = ?, finished_at = ? where id = ?""")
                    .params(rows, unchanged, Timestamp.from(clock.instant()), loadId).update();
            audit.record(event.with("rows", rows).with("unchanged", unchanged));
        } catch (RuntimeException | IOException | SQLException e) {
            String failure = failureOf(e);
            log.warn("load {} into zone {} failed: {}", loadId, zone.id(), failure);
            jdbc.sql("update dataspace_load set state = 'FAILED', failure = ?, finished_at = ? where id = ?")
                    .params(failure, Timestamp.from(clock.instant()), loadId).update();
            audit.record(event.failed(failure));
        } finally {
            running.remove(loadId);
            try {
                Files.deleteIfExists(upload);
            } catch (IOException e) {
                log.warn("cannot delete upload of load {}", loadId);
            }
        }
    }

    /** Appends all rows into a staging table, then swaps it in within one transaction; returns the row count. */
    private long append(Zone zone, UUID loadId, Path upload, Request request) throws IOException, SQLException {
        Running live = running.get(loadId);
        RawStore store = zones.store(zone.id());
        synchronized (store) {
            DuckDBConnection connection = store.connection();
            String staging = "stg_" + loadId.toString().replace("-", "");
            long rows = 0;
            try (InputStream bytes = new CountingStream(Files.newInputStream(upload), live.bytes());
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(bytes, Charset.forName(request.encoding())), 1 << 16)) {
                CsvRows csv = new CsvRows(reader);
                List<String> header = columns(Objects.requireNonNull(csv.next()));
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE TABLE " + staging + " (" + header.stream().map(c -> quote(c) + " VARCHAR")
                            .collect(Collectors.joining(", ")) + ")");
                }
                try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, staging)) {
                    for (List<String> row = csv.next(); row != null; row = csv.next()) {
                        if (row.size() == 1 && row.get(0).isEmpty()) {
                            continue;
                        }
                        if (row.size() != header.size()) {
                            throw ProblemException.badRequest("dataspace.load.column-count");
                        }
                        appender.beginRow();
                        for (String value : row) {
                            appender.append(value);
                        }
                        appender.endRow();
                        rows++;
                        if (rows % PROGRESS_EVERY_ROWS == 0) {
                            live.rows().set(rows);
                        }
                    }
                }
                live.rows().set(rows);
                swap(connection, staging, request.dataset());
                return rows;
            } catch (IOException | SQLException | RuntimeException e) {
                try (Statement drop = connection.createStatement()) {
                    drop.execute("DROP TABLE IF EXISTS " + staging);
                }
                throw e;
            }
        }
    }

    private static void swap(DuckDBConnection connection, String staging, String dataset) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement swap = connection.createStatement()) {
            swap.execute("DROP TABLE IF EXISTS " + quote(dataset));
            swap.execute("ALTER TABLE " + staging + " RENAME TO " + quote(dataset));
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        try (Statement checkpoint = connection.createStatement()) {
            checkpoint.execute("CHECKPOINT");
        }
    }

    private void record(Zone zone, Request request, String grades, long rows, String sm3) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                update dataspace_dataset set person_key = ?, column_grades = ?, row_count = ?, content_sm3 = ?,
                    loaded_at = ? where zone_id = ? and name = ?""")
                .params(request.personKey(), grades, rows, sm3, now, zone.id(), request.dataset()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into dataspace_dataset (id, zone_id, name, person_key, column_grades, row_count, content_sm3,
                        loaded_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), zone.id(), request.dataset(), request.personKey(), grades, rows, sm3, now)
                    .update();
        }
    }

    private static String keep(InputStream content, Path upload) throws IOException {
        Files.createDirectories(upload.getParent());
        SM3Digest digest = new SM3Digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = content; OutputStream out = Files.newOutputStream(upload)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        byte[] sm3 = new byte[digest.getDigestSize()];
        digest.doFinal(sm3, 0);
        return Hex.toHexString(sm3);
    }

    private static List<String> header(Path upload, Charset charset) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(upload, charset)) {
            List<String> header = new CsvRows(reader).next();
            if (header == null) {
                throw ProblemException.badRequest("dataspace.dataset.empty");
            }
            return columns(header);
        } catch (CsvRows.Malformed | java.nio.charset.CharacterCodingException e) {
            throw ProblemException.badRequest("dataspace.dataset.header-invalid");
        }
    }

    private static List<String> columns(List<String> header) {
        List<String> columns = new java.util.ArrayList<>(header);
        if (!columns.isEmpty() && columns.get(0).startsWith("\uFEFF")) {
            columns.set(0, columns.get(0).substring(1));
        }
        return columns.stream().map(String::trim).toList();
    }

    private static void checkHeader(List<String> header, Request request) {
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!IDENTIFIER.matcher(column).matches() || !seen.add(column)) {
                throw ProblemException.badRequest("dataspace.dataset.column-invalid");
            }
        }
        if (!seen.contains(request.personKey())) {
            throw ProblemException.badRequest("dataspace.dataset.person-key-missing");
        }
        if (!request.grades().keySet().equals(seen)) {
            throw ProblemException.badRequest("dataspace.dataset.grades-incomplete");
        }
        if (request.grades().values().stream().anyMatch(g -> g == null || g < 1 || g > 4)) {
            throw ProblemException.badRequest("dataspace.dataset.grade-invalid");
        }
    }

    private static String grades(Map<String, Integer> grades) {
        return new java.util.TreeMap<>(grades).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Parses {@code column=grade,column=grade}; a malformed list is a bad request. */
    static Map<String, Integer> parseGrades(String text) {
        Map<String, Integer> grades = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split("=");
            if (parts.length != 2 || parts[0].isBlank()) {
                throw ProblemException.badRequest("dataspace.dataset.grade-invalid");
            }
            try {
                grades.put(parts[0].trim(), Integer.parseInt(parts[1].trim()));
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("dataspace.dataset.grade-invalid");
            }
        }
        return grades;
    }

    private static String failureOf(Exception e) {
        if (e instanceof ProblemException problem) {
            return problem.code();
        }
        if (e instanceof CsvRows.Malformed || e instanceof java.nio.charset.CharacterCodingException) {
            return "dataspace.load.malformed";
        }
        return "dataspace.load.store-error";
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    private static double percent(long read, long total) {
        return total == 0 ? 100 : Math.round(read * 1000.0 / total) / 10.0;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** Counts the bytes read, for progress. */
    private static final class CountingStream extends FilterInputStream {

        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
