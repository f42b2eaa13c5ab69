package org.pdao.dataspace.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.DatasetProfiled;
import org.pdao.dataspace.LoadProgress;
import org.pdao.dataspace.LoadState;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ingest.CsvBytes;
import org.pdao.dataspace.internal.ingest.CsvSource;
import org.pdao.dataspace.internal.ingest.DatasetColumns;
import org.pdao.dataspace.internal.ingest.ExcelSource;
import org.pdao.dataspace.internal.ingest.FileDigest;
import org.pdao.dataspace.internal.ingest.JdbcSource;
import org.pdao.dataspace.internal.ingest.ParquetSource;
import org.pdao.dataspace.internal.ingest.RowSource;
import org.pdao.dataspace.internal.ingest.SourceRelation;
import org.pdao.dataspace.internal.ingest.StagedLoad;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads data into a zone's raw store, in the background: uploaded files (CSV in UTF-8 or GBK, Parquet,
 * Excel) or a table or SELECT of a source unit's PostgreSQL database. Each dataset is tied to its
 * catalog resource, whose fields decide the columns, their grades and the person key. The rows stream
 * through the platform into a staging table of the locked store ({@link StagedLoad}), all or nothing.
 * The SM3 content digest (of the uploaded bytes, computed on its own thread while the rows are parsed,
 * or of the row stream for a database) identifies the content: loading the same content again changes
 * nothing (decided before the commit, the staged rows are rolled back). Every load is audited with its
 * digest, and a successful one publishes its quality profile ({@link DatasetProfiled}).
 */
@Service
class DatasetIngestion implements AutoCloseable {

    /** What to load: dataset (table) name, its catalog resource, the person key (default: the catalog's) and raised grades. */
    record Request(String dataset, UUID resourceId, @Nullable String personKey, Map<String, Integer> grades) {

        Request {
            grades = Map.copyOf(grades);
        }
    }

    /** The file formats of an upload. */
    enum UploadFormat {
        CSV, PARQUET, XLSX;

        /** The format named, or else the one the file name's extension implies (CSV by default). */
        static UploadFormat of(@Nullable String named, @Nullable String fileName) {
            if (named != null && !named.isBlank()) {
                try {
                    return valueOf(named.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("dataspace.dataset.format-invalid");
                }
            }
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            return name.endsWith(".parquet") ? PARQUET : name.endsWith(".xlsx") ? XLSX : CSV;
        }
    }

    /** A source unit's database: the connection, as the operator registered it. */
    record DatabaseSource(UUID id, String url, String username, String password) {}

    private static final Logger log = LoggerFactory.getLogger(DatasetIngestion.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> ENCODINGS = Set.of("UTF-8", "GBK");
    static final String SOURCE_JDBC = "JDBC";

    /** How to open the load's rows again in the background. */
    @FunctionalInterface
    private interface Opener {
        RowSource open() throws Exception;
    }

    private record Running(AtomicLong rows, AtomicReference<@Nullable RowSource> source) {}

    private final JdbcClient jdbc;
    private final ZoneRegistry zones;
    private final CatalogDirectory catalog;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DataspaceSettings settings;
    private final Clock clock;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dataspace-load");
        thread.setDaemon(true);
        return thread;
    });

    DatasetIngestion(JdbcClient jdbc, ZoneRegistry zones, CatalogDirectory catalog, AuditTrail audit,
            ApplicationEventPublisher events, TransactionTemplate transactions, DataspaceSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.zones = zones;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Keeps the upload, checks its columns against the catalog resource and starts the load; with
     * {@code background} false it returns only when the load has finished.
     */
    LoadProgress startUpload(Zone zone, InputStream content, UploadFormat format, String encoding, Request request,
            Actor actor, boolean background) {
        CatalogResourceView resource = checked(request);
        if (!ENCODINGS.contains(encoding)) {
            throw ProblemException.badRequest("dataspace.dataset.encoding-invalid");
        }
        UUID loadId = UUID.randomUUID();
        Path upload = settings.uploadDir().resolve(loadId + "." + format.name().toLowerCase(Locale.ROOT));
        try {
            keep(content, upload);
            Opener opener = () -> switch (format) {
                case CSV -> new CsvSource(upload, Charset.forName(encoding));
                case PARQUET -> new ParquetSource(settings.uploadDir(), upload);
                case XLSX -> new ExcelSource(upload);
            };
            DatasetColumns columns;
            try (RowSource source = opener.open()) {
                columns = DatasetColumns.resolve(resource, source.columns(), request.personKey(), request.grades());
            } catch (ProblemException refused) {
                Files.deleteIfExists(upload);
                throw refused;
            } catch (Exception e) {
                Files.deleteIfExists(upload);
                throw ProblemException.badRequest("dataspace.dataset.header-invalid");
            }
            begin(loadId, zone, request, format.name(), Files.size(upload), null, actor);
            Runnable load = () -> {
                try {
                    run(zone, loadId, resource, columns, request, format.name(), upload, opener, actor);
                } finally {
                    delete(upload);
                }
            };
            submit(load, background);
        } catch (IOException e) {
            delete(upload);
            throw new UncheckedIOException(e);
        }
        return progress(zone.id(), loadId);
    }

    /** Checks the source relation's columns against the catalog resource and starts loading it from the source database. */
    LoadProgress startFromDatabase(Zone zone, DatabaseSource database, String tableOrQuery, Request request,
            Actor actor, boolean background) {
        CatalogResourceView resource = checked(request);
        SourceRelation relation = SourceRelation.of(tableOrQuery);
        DatasetColumns columns;
        try (JdbcSource source = new JdbcSource(database.url(), database.username(), database.password(), relation,
                false)) {
            columns = DatasetColumns.resolve(resource, source.columns(), request.personKey(), request.grades());
        }
        UUID loadId = UUID.randomUUID();
        begin(loadId, zone, request, SOURCE_JDBC, 0, null, actor);
        Opener opener = () -> new JdbcSource(database.url(), database.username(), database.password(), relation, true);
        submit(() -> run(zone, loadId, resource, columns, request, SOURCE_JDBC, null, opener, actor), background);
        return progress(zone.id(), loadId);
    }

    private CatalogResourceView checked(Request request) {
        if (!IDENTIFIER.matcher(request.dataset()).matches()) {
            throw ProblemException.badRequest("dataspace.dataset.name-invalid");
        }
        return catalog.resource(request.resourceId())
                .orElseThrow(() -> ProblemException.notFound("catalog resource", request.resourceId()));
    }

    private void begin(UUID loadId, Zone zone, Request request, String kind, long bytes, @Nullable String sm3,
            Actor actor) {
        jdbc.sql("""
                insert into dataspace_load (id, zone_id, dataset_name, state, rows_loaded, bytes_total, bytes_read,
                    content_sm3, unchanged, started_by, started_at, resource_id, source_kind)
                values (?, ?, ?, 'RUNNING', 0, ?, 0, ?, false, ?, ?, ?, ?)""")
                .params(loadId, zone.id(), request.dataset(), bytes, sm3, actor.username(),
                        Timestamp.from(clock.instant()), request.resourceId(), kind)
                .update();
        running.put(loadId, new Running(new AtomicLong(), new AtomicReference<>()));
    }

    private void submit(Runnable load, boolean background) {
        if (background) {
            worker.submit(load);
        } else {
            load.run();
        }
    }

    LoadProgress progress(UUID zoneId, UUID loadId) {
        LoadProgress stored = jdbc.sql("select * from dataspace_load where id = ? and zone_id = ?")
                .params(loadId, zoneId).query((rs, n) -> {
                    Timestamp finished = rs.getTimestamp("finished_at");
                    return new LoadProgress(loadId, zoneId, rs.getString("dataset_name"),
                            LoadState.valueOf(rs.getString("state")), rs.getLong("rows_loaded"),
                            percent(rs.getLong("bytes_read"), rs.getLong("bytes_total")), 0,
                            rs.getString("content_sm3"), rs.getBoolean("unchanged"), rs.getString("failure"),
                            rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant());
                }).optional().orElseThrow(() -> ProblemException.notFound("load", loadId));
        Running live = running.get(loadId);
        boolean active = live != null && stored.state() == LoadState.RUNNING;
        long rows = active ? live.rows().get() : stored.rows();
        RowSource source = active ? live.source().get() : null;
        double percent = stored.state() == LoadState.SUCCEEDED ? 100
                : source != null ? Math.round(source.fraction() * 1000) / 10.0 : active ? 0 : stored.percent();
        Instant end = stored.finishedAt() == null ? clock.instant() : stored.finishedAt();
        double seconds = Math.max(0.001, Duration.between(stored.startedAt(), end).toMillis() / 1000.0);
        return new LoadProgress(loadId, zoneId, stored.dataset(), stored.state(), rows, percent,
                Math.round(rows / seconds * 10) / 10.0, stored.contentSm3(), stored.unchanged(), stored.failure(),
                stored.startedAt(), stored.finishedAt());
    }

    /**
     * Stages the rows and, unless the dataset already holds exactly this content (same digest, resource,
     * person key and grades), swaps them in. The digest is known only once every row has been read (a
     * file's SM3 is computed on its own thread while the parser reads, a database's row digest as the
     * rows stream), so the check is made after staging and before the commit: an unchanged load rolls
     * back and the store is as it was.
     */
    private void run(Zone zone, UUID loadId, CatalogResourceView resource, DatasetColumns columns, Request request,
            String kind, @Nullable Path upload, Opener opener, Actor actor) {
        Running live = running.get(loadId);
        String grades = columns.gradesText();
        AuditEvent event = AuditEvent.of("dataspace.dataset-load", "zone", zone.id()).by(actor)
                .with("load", loadId).with("dataset", request.dataset()).with("resource", resource.id())
                .with("source", kind);
        String[] sm3 = {null};
        try {
            RawStore store = zones.store(zone.id());
            StagedLoad.Staged staged;
            boolean[] unchanged = {false};
            synchronized (store) {
                try (RowSource source = opener.open()) {
                    live.source().set(source);
                    String staging = "stg_" + loadId.toString().replace("-", "");
                    staged = StagedLoad.run(store.connection(), request.dataset(), staging, columns, source,
                            live.rows()::set, s -> {
                                sm3[0] = s.contentDigest();
                                unchanged[0] = sameRows(zone, request, columns, sm3[0]).isPresent();
                                return !unchanged[0];
                            });
                }
            }
            if (!unchanged[0]) {
                Instant loadedAt = clock.instant();
                transactions.executeWithoutResult(tx -> {
                    record(zone, resource, request, columns, grades, kind, staged, sm3[0], loadedAt);
                    events.publishEvent(new DatasetProfiled(zone.id(), request.dataset(), resource.id(),
                            resource.sourceUnitId(), staged.rows(), staged.duplicateRows(), staged.columns(),
                            loadedAt));
                });
            }
            // audited before the load shows as finished: whoever sees it finished finds its audit entry
            audit.record(event.with("sm3", sm3[0]).with("rows", staged.rows()).with("unchanged", unchanged[0]));
            jdbc.sql("""
                    update dataspace_load set state = 'SUCCEEDED', rows_loaded = ?, bytes_read = bytes_total,
                        unchanged = ?, content_sm3 = ?, finished_at = ? where id = ?""")
                    .params(staged.rows(), unchanged[0], sm3[0], Timestamp.from(clock.instant()), loadId).update();
        } catch (Exception e) {
            String failure = failureOf(e);
            log.warn("load {} into zone {} failed: {}", loadId, zone.id(), failure,
                    e instanceof ProblemException ? null : e);
            if (sm3[0] == null && upload != null) {
                sm3[0] = digestOrNull(upload);
            }
            try {
                audit.record(event.with("sm3", sm3[0]).failed(failure));
            } finally {
                jdbc.sql("update dataspace_load set state = 'FAILED', failure = ?, content_sm3 = ?, finished_at = ? where id = ?")
                        .params(failure, sm3[0], Timestamp.from(clock.instant()), loadId).update();
            }
        } finally {
            running.remove(loadId);
        }
    }

    /** The SM3 of a file whose load failed before its digest was known (for the audit entry), or null. */
    private static @Nullable String digestOrNull(Path upload) {
        try {
            return FileDigest.of(upload);
        } catch (IOException e) {
            return null;
        }
    }

    /** The row count of the dataset if it already holds exactly this content under the same resource, key and grades. */
    private Optional<Long> sameRows(Zone zone, Request request, DatasetColumns columns, String sm3) {
        return jdbc.sql("""
                select row_count from dataspace_dataset where zone_id = ? and name = ? and content_sm3 = ?
                    and person_key = ? and column_grades = ? and resource_id = ?""")
                .params(zone.id(), request.dataset(), sm3, columns.personKey(), columns.gradesText(),
                        request.resourceId())
                .query(Long.class).optional();
    }

    private void record(Zone zone, CatalogResourceView resource, Request request, DatasetColumns columns,
            String grades, String kind, StagedLoad.Staged staged, String sm3, Instant loadedAt) {
        Timestamp now = Timestamp.from(loadedAt);
        String profile = profileText(staged.columns());
        int updated = jdbc.sql("""
                update dataspace_dataset set person_key = ?, column_grades = ?, row_count = ?, content_sm3 = ?,
                    loaded_at = ?, resource_id = ?, source_unit_id = ?, source_kind = ?, duplicate_rows = ?, profile = ?
                where zone_id = ? and name = ?""")
                .params(columns.personKey(), grades, staged.rows(), sm3, now, resource.id(), resource.sourceUnitId(),
                        kind, staged.duplicateRows(), profile, zone.id(), request.dataset())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into dataspace_dataset (id, zone_id, name, person_key, column_grades, row_count, content_sm3,
                        loaded_at, resource_id, source_unit_id, source_kind, duplicate_rows, profile)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), zone.id(), request.dataset(), columns.personKey(), grades, staged.rows(),
                            sm3, now, resource.id(), resource.sourceUnitId(), kind, staged.duplicateRows(), profile)
                    .update();
        }
    }

    /** What a zone holds: one entry per dataset, metadata and counts only, never values. */
    record DatasetView(UUID id, String name, @Nullable UUID resourceId, @Nullable String sourceKind, String personKey,
            Map<String, Integer> columnGrades, long rows, @Nullable Long duplicateRows,
            List<DatasetProfiled.ColumnProfile> profile, String contentSm3, Instant loadedAt) {}

    Page<DatasetView> datasets(UUID zoneId, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<DatasetView> items = jdbc.sql("select * from dataspace_dataset where zone_id = ? order by name limit ? offset ?")
                .params(zoneId, size, (long) page * size).query((rs, n) -> new DatasetView(rs.getObject("id", UUID.class),
                        rs.getString("name"), rs.getObject("resource_id", UUID.class), rs.getString("source_kind"),
                        rs.getString("person_key"), gradesOf(rs.getString("column_grades")), rs.getLong("row_count"),
                        (Long) rs.getObject("duplicate_rows", Long.class), profileOf(rs.getString("profile")),
                        rs.getString("content_sm3"), rs.getTimestamp("loaded_at").toInstant()))
                .list();
        long total = jdbc.sql("select count(*) from dataspace_dataset where zone_id = ?").param(zoneId)
                .query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** Marks loads that a stopped process left RUNNING as FAILED (their store transaction died with it). */
    int failInterrupted() {
        List<Map<String, Object>> stale = jdbc.sql("select id, zone_id, dataset_name from dataspace_load where state = 'RUNNING'")
                .query().listOfRows();
        for (Map<String, Object> load : stale) {
            UUID id = (UUID) load.get("id");
            if (running.containsKey(id)) {
                continue;
            }
            jdbc.sql("update dataspace_load set state = 'FAILED', failure = ?, finished_at = ? where id = ? and state = 'RUNNING'")
                    .params("dataspace.load.interrupted", Timestamp.from(clock.instant()), id).update();
            audit.record(AuditEvent.of("dataspace.dataset-load", "zone", load.get("zone_id")).with("load", id)
                    .with("dataset", load.get("dataset_name")).failed("dataspace.load.interrupted"));
        }
        return stale.size();
    }

    /** Writes the upload to the platform's own file; its digest is computed while it is loaded ({@link FileDigest}). */
    private static void keep(InputStream content, Path upload) throws IOException {
        Files.createDirectories(upload.getParent());
        try (InputStream in = content) {
            Files.copy(in, upload);
        }
    }

    /** Parses {@code column=grade,column=grade} (may be empty); a malformed list is a bad request. */
    static Map<String, Integer> parseGrades(@Nullable String text) {
        Map<String, Integer> grades = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return grades;
        }
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

    private static Map<String, Integer> gradesOf(String text) {
        Map<String, Integer> grades = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=");
            if (parts.length == 2) {
                grades.put(parts[0], Integer.parseInt(parts[1]));
            }
        }
        return grades;
    }

    private static String profileText(List<DatasetProfiled.ColumnProfile> columns) {
        return columns.stream().map(c -> c.name() + ":" + c.nulls() + ":" + (c.format() == null ? "" : c.format()) + ":"
                + c.formatViolations()).collect(Collectors.joining(";"));
    }

    private static List<DatasetProfiled.ColumnProfile> profileOf(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(";")).map(c -> c.split(":", -1))
                .map(p -> new DatasetProfiled.ColumnProfile(p[0], Long.parseLong(p[1]), p[2].isEmpty() ? null : p[2],
                        Long.parseLong(p[3])))
                .toList();
    }

    private static String failureOf(Exception e) {
        if (e instanceof ProblemException problem) {
            return problem.code();
        }
        if (e instanceof CsvBytes.Malformed || e instanceof java.nio.charset.CharacterCodingException) {
            return "dataspace.load.malformed";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().startsWith("org.postgresql")) {
                return "dataspace.source.read-failed";
            }
        }
        return "dataspace.load.store-error";
    }

    private static double percent(long read, long total) {
        return total == 0 ? 0 : Math.round(read * 1000.0 / total) / 10.0;
    }

    private static void delete(Path upload) {
        try {
            Files.deleteIfExists(upload);
        } catch (IOException e) {
            log.warn("cannot delete upload {}", upload.getFileName());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
