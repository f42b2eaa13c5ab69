package org.pdao.dataspace.internal.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.DataUse;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.dataspace.internal.ingest.StagedLoad;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.Actor;
import org.pdao.shared.crypto.Sm3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prepares a workspace in the background: reads the granted datasets from the zone's raw store (through
 * its locked connection, under its lock), desensitizes every value in Java as the column plans say, leaves
 * out the rows of persons without a valid consent where the grant requires consent, and writes the tables
 * under their own names, in Arrow batches (or through DuckDB's appender), into a new DuckDB file encrypted with a
 * fresh random key (sealed under the master key). Progress (rows done) is visible while it runs; the new file replaces the
 * previous one only when complete.
 */
@Component
class WorkspaceMaterialiser implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceMaterialiser.class);
    private static final String DESENSITIZE_MIN = "data.grade.desensitize.min";

    private final JdbcClient jdbc;
    private final Grants grants;
    private final DesensitizationRules rules;
    private final DatasetResources resources;
    private final ZoneDatasets datasets;
    private final ConsentRegistry consents;
    private final AccessKeys keys;
    private final WorkspaceSettings settings;
    private final JurisdictionProfiles profiles;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Map<UUID, AtomicLong> progress = new ConcurrentHashMap<>();
    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dataspace-workspace");
        thread.setDaemon(true);
        return thread;
    });

    WorkspaceMaterialiser(JdbcClient jdbc, Grants grants, DesensitizationRules rules, DatasetResources resources,
            ZoneDatasets datasets, ConsentRegistry consents, AccessKeys keys, WorkspaceSettings settings,
            JurisdictionProfiles profiles, AuditTrail audit, Clock clock, PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.grants = grants;
        this.rules = rules;
        this.resources = resources;
        this.datasets = datasets;
        this.consents = consents;
        this.keys = keys;
        this.settings = settings;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    static String keyPurpose(UUID workspaceId) {
        return "dataspace.workspace-key:" + workspaceId;
    }

    void start(UUID workspaceId, Actor actor) {
        progress.put(workspaceId, new AtomicLong());
        running.put(workspaceId, worker.submit(() -> run(workspaceId, actor)));
    }

    Optional<Long> rowsDone(UUID workspaceId) {
        AtomicLong done = progress.get(workspaceId);
        return done == null ? Optional.empty() : Optional.of(done.get());
    }

    /** Waits until a running preparation of the workspace has finished (before its file is destroyed). */
    void awaitIdle(UUID workspaceId) {
        Future<?> future = running.get(workspaceId);
        if (future != null) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException ignored) {
                // recorded as FAILED by the run itself
            }
        }
    }

    /** The lowest grade that is never provided raw (NJ-14), from the active profile or its platform default. */
    int desensitizeFrom() {
        JurisdictionProfile profile = profiles.active();
        if (profile.has(DESENSITIZE_MIN)) {
            return Math.toIntExact(profile.count(DESENSITIZE_MIN).value());
        }
        if (profile.platform().containsKey(DESENSITIZE_MIN)) {
            return Math.toIntExact(((EntryValue.Count) profile.platformDefault(DESENSITIZE_MIN)).value());
        }
        // a profile that sets nothing of its own follows NJ-14, the one regulation that names the grade
        return Math.toIntExact(profiles.require("NJ").count(DESENSITIZE_MIN).value());
    }

    private static final byte[] NO_ROW_DIGEST = new byte[0];

    private record Table(String name, String personKey, List<String> readColumns, List<ColumnPlan> plans,
            long sourceRows) {

        boolean noised() {
            return plans.stream().anyMatch(p -> p.method() == DesensitizationMethod.NOISE_BOUNDED);
        }
    }

    private void run(UUID workspaceId, Actor actor) {
        long started = System.nanoTime();
        Path file = null;
        try {
            Workspaces.Row row = jdbc.sql("select grant_id, db_file from dataspace_workspace where id = ?")
                    .param(workspaceId).query((rs, n) -> new Workspaces.Row(workspaceId,
                            rs.getObject(1, UUID.class), WorkspaceState.PREPARING, rs.getString(2), "", 0, 0, 0, 0, 0, 0,
                            0, null, null, null, null)).single();
            Grant grant = grants.require(row.grantId());
            byte[] grantKey = grants.key(grant);
            byte[] noiseKey = Workspaces.noiseKey(grantKey);
            int from = desensitizeFrom();
            List<Table> tables = plan(grant, from);
            long total = tables.stream().mapToLong(Table::sourceRows).sum();
            jdbc.sql("update dataspace_workspace set rows_total = ?, rows_done = 0, failure = null where id = ?")
                    .params(total, workspaceId).update();
            Files.createDirectories(settings.dir());
            String name = workspaceId + "-" + clock.millis() + ".duckdb";
            file = settings.dir().resolve(name);
            byte[] dbKey = keys.newKey();
            Set<String> consented = grant.consentRequired() ? consents.givenDigests(grant.scenario()) : null;
            byte[] digestKey = consents.digestKey();
            Set<String> subjects = new HashSet<>();
            AtomicLong done = progress.computeIfAbsent(workspaceId, k -> new AtomicLong());
            AtomicLong excluded = new AtomicLong();
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            Map<String, Boolean> unique = new java.util.HashMap<>();
            LocalDate today = grants.today();
            try (DuckDBConnection connection = WorkspaceDatabase.create(file, dbKey)) {
                for (Table table : tables) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE TABLE " + WorkspaceDatabase.quote(table.name()) + " ("
                                + table.plans().stream().map(p -> WorkspaceDatabase.quote(p.column()) + " " + p.sqlType())
                                        .collect(Collectors.joining(", ")) + ")");
                    }
                    AtomicLong written = new AtomicLong();
                    List<@Nullable Memo> memos = table.plans().stream()
                            .map(p -> p.method() == null || p.method() == DesensitizationMethod.NOISE_BOUNDED ? null
                                    : new Memo()).toList();
                    try (TableRows sink = TableRows.open(connection, table)) {
                        int width = table.plans().size();
                        datasets.read(grant.zoneId(), table.name(), table.readColumns(), values -> {
                            done.incrementAndGet();
                            if (consented != null) {
                                String person = values[0];
                                String digest = person == null ? "" : ConsentRegistry.digest(digestKey, person);
                                if (!consented.contains(digest)) {
                                    excluded.incrementAndGet();
                                    return;
                                }
                                subjects.add(digest);
                            }
                            byte[] rowDigest = table.noised() ? Sm3.digest(String.join("\u001f", nullsAsEmpty(values))
                                    .getBytes(StandardCharsets.UTF_8)) : NO_ROW_DIGEST;
                            Object[] out = new Object[width];
                            for (int i = 0; i < width; i++) {
                                ColumnPlan plan = table.plans().get(i);
                                String raw = values[i + 1];
                                Memo memo = memos.get(i);
                                out[i] = memo == null
                                        ? value(plan, raw, grantKey, noiseKey, table.name(), rowDigest, today)
                                        : memo.get(raw, () -> value(plan, raw, grantKey, noiseKey, table.name(),
                                                rowDigest, today));
                            }
                            sink.add(out);
                            written.incrementAndGet();
                        });
                    }
                    counts.put(table.name(), written.get());
                    unique.put(table.name(), personUnique(connection, table));
                }
                try (Statement checkpoint = connection.createStatement()) {
                    checkpoint.execute("CHECKPOINT");
                }
            }
            long size = Files.size(file);
            Path done_ = file;
            String previous = transaction.execute(status -> finish(workspaceId, name, dbKey, tables, counts, unique, subjects,
                    excluded.get(), size));
            if (previous == null) {
                Files.deleteIfExists(done_);
                return;
            }
            if (!previous.isEmpty() && !previous.equals(name)) {
                Files.deleteIfExists(settings.dir().resolve(previous));
            }
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            Map<String, UUID> resourceOf = new java.util.HashMap<>();
            grant.tables().forEach(t -> resourceOf.put(t.dataset(), t.resourceId()));
            events.publishEvent(new DataUse.WorkspacePrepared(workspaceId, grant.id(), tables.stream()
                    .map(t -> new DataUse.ServedDataset(t.name(), resourceOf.get(t.name()),
                            counts.getOrDefault(t.name(), 0L)))
                    .toList(), clock.instant()));
            log.info("workspace {} prepared: {} source rows, {} rows kept, {} persons excluded, {} bytes, {} ms",
                    workspaceId, total, rows, excluded.get(), size, (System.nanoTime() - started) / 1_000_000);
            audit.record(AuditEvent.of("dataspace.workspace-active", "workspace", workspaceId).by(actor)
                    .underRule(AccessRules.NJ_14.id()).with("rows", counts.values().stream().mapToLong(Long::longValue).sum())
                    .with("personsExcluded", excluded.get()).with("fileSm3", WorkspaceDatabase.sm3(file)));
        } catch (Exception e) {
            log.warn("workspace {} could not be prepared: {}", workspaceId, e.toString());
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(Path.of(file + ".wal"));
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
            int updated = jdbc.sql("update dataspace_workspace set state = 'FAILED', failure = ?, updated_at = ? "
                    + "where id = ? and state = 'PREPARING'").params("workspace.prepare-failed",
                            Timestamp.from(clock.instant()), workspaceId).update();
            if (updated == 1) {
                audit.record(AuditEvent.of("dataspace.workspace-failed", "workspace", workspaceId).by(actor)
                        .failed("workspace.prepare-failed"));
            }
        } finally {
            progress.remove(workspaceId);
            running.remove(workspaceId);
        }
    }

    /** Whether the table holds one row per person: every row has a person key and no key repeats. */
    private static boolean personUnique(DuckDBConnection connection, Table table) throws java.sql.SQLException {
        String key = WorkspaceDatabase.quote(table.personKey());
        try (Statement s = connection.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT count(*) = count(DISTINCT " + key + ") AND count(*) = count("
                        + key + ") FROM " + WorkspaceDatabase.quote(table.name()))) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Records the finished file; returns the previous file name, or null when the workspace left PREPARING meanwhile. */
    private @Nullable String finish(UUID workspaceId, String name, byte[] dbKey, List<Table> tables,
            Map<String, Long> counts, Map<String, Boolean> unique, Set<String> subjects, long excluded, long size) {
        String previous = jdbc.sql("select db_file from dataspace_workspace where id = ? and state = 'PREPARING'")
                .param(workspaceId).query(String.class).optional().orElse(null);
        if (previous == null) {
            return null;
        }
        WorkspaceState.PREPARING.checkMoveTo(WorkspaceState.ACTIVE);
        jdbc.sql("delete from dataspace_workspace_column where workspace_id = ?").param(workspaceId).update();
        jdbc.sql("delete from dataspace_workspace_table where workspace_id = ?").param(workspaceId).update();
        jdbc.sql("delete from dataspace_workspace_subject where workspace_id = ?").param(workspaceId).update();
        for (Table table : tables) {
            jdbc.sql("""
                    insert into dataspace_workspace_table (workspace_id, table_name, person_key, row_count, person_unique)
                        values (?, ?, ?, ?, ?)""")
                    .params(workspaceId, table.name(), table.personKey(), counts.getOrDefault(table.name(), 0L),
                            unique.getOrDefault(table.name(), false)).update();
            int ordinal = 0;
            for (ColumnPlan plan : table.plans()) {
                jdbc.sql("""
                        insert into dataspace_workspace_column (workspace_id, table_name, ordinal, column_name, sql_type,
                            grade, treatment, method) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(workspaceId, table.name(), ordinal++, plan.column(), plan.sqlType(), plan.grade(),
                                plan.treatment().name(), plan.label())
                        .update();
            }
        }
        for (String digest : subjects) {
            jdbc.sql("insert into dataspace_workspace_subject (workspace_id, person_digest) values (?, ?)")
                    .params(workspaceId, digest).update();
        }
        long rows = counts.values().stream().mapToLong(Long::longValue).sum();
        jdbc.sql("""
                update dataspace_workspace set state = 'ACTIVE', db_file = ?, sealed_db_key = ?, rows_done = ?,
                    persons_excluded = ?, storage_used_bytes = ?, materialised_at = ?, updated_at = ?,
                    state_reason = null, state_rule = null where id = ?""")
                .params(name, keys.seal(keyPurpose(workspaceId), dbKey), rows, excluded, size,
                        Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), workspaceId)
                .update();
        return previous;
    }

    /** The plan of every granted table: the person key first, then the granted columns that a workspace may hold. */
    private List<Table> plan(Grant grant, int desensitizeFrom) {
        List<Table> tables = new ArrayList<>();
        for (DataRequest.Table granted : grant.tables()) {
            ZoneDatasets.Dataset dataset = datasets.dataset(grant.zoneId(), granted.dataset()).orElseThrow();
            Optional<CatalogResourceView> resource = resources.resourceOf(dataset);
            Map<String, DesensitizationRule> approved = rules.approved(grant.zoneId(), dataset.name());
            List<String> read = new ArrayList<>();
            List<ColumnPlan> plans = new ArrayList<>();
            read.add(dataset.personKey());
            List<String> columns = new ArrayList<>();
            columns.add(dataset.personKey());
            dataset.grades().keySet().stream().filter(c -> granted.columns().contains(c) && !c.equals(dataset.personKey()))
                    .forEach(columns::add);
            for (String column : columns) {
                boolean identifier = resource.flatMap(r -> r.field(column)).map(CatalogResourceView.Field::personKey)
                        .orElse(false);
                Optional<ColumnPlan> plan = ColumnPlan.of(column, dataset.grades().get(column),
                        resources.typeOf(resource, column), column.equals(dataset.personKey()), identifier,
                        approved.get(column), grant.rawData(), desensitizeFrom);
                if (plan.isPresent()) {
                    plans.add(plan.get());
                    read.add(column);
                }
            }
            tables.add(new Table(dataset.name(), dataset.personKey(), read, plans, dataset.rows()));
        }
        return tables;
    }

    private static @Nullable Object value(ColumnPlan plan, @Nullable String raw, byte[] grantKey, byte[] noiseKey,
            String table, byte[] rowDigest, LocalDate today) throws SQLException {
        if (plan.method() == null) {
            return Desensitizer.typed(raw, plan.sourceType());
        }
        byte[] seed = plan.method() != DesensitizationMethod.NOISE_BOUNDED ? NO_ROW_DIGEST
                : Sm3.hmac(noiseKey, (table + "\u001f" + plan.column() + "\u001f"
                        + java.util.HexFormat.of().formatHex(rowDigest)).getBytes(StandardCharsets.UTF_8));
        return Desensitizer.apply(plan.method(), plan.params(), raw, plan.sourceType(),
                new Desensitizer.Context(grantKey, seed, today));
    }

    /**
     * The latest results of one column's deterministic treatment (all but bounded noise: the same value, parameters,
     * grant key and day give the same result), so that the rows of one person and repeated categories reuse the
     * pseudonym or mask instead of computing it again (an HMAC-SM3 per value). Bounded: cleared when full.
     */
    private static final class Memo {

        private static final int LIMIT = 8_192;
        private static final Object NONE = new Object();

        @FunctionalInterface
        interface Treatment {
            @Nullable Object apply() throws SQLException;
        }

        private final Map<String, Object> results = new HashMap<>();
        private @Nullable Object nullResult;

        @Nullable Object get(@Nullable String raw, Treatment treatment) throws SQLException {
            if (raw == null) {
                if (nullResult == null) {
                    Object result = treatment.apply();
                    nullResult = result == null ? NONE : result;
                }
                return nullResult == NONE ? null : nullResult;
            }
            Object known = results.get(raw);
            if (known == null) {
                Object result = treatment.apply();
                if (results.size() == LIMIT) {
                    results.clear();
                }
                known = result == null ? NONE : result;
                results.put(raw, known);
            }
            return known == NONE ? null : known;
        }
    }

    /**
     * Where a table's treated rows go: Arrow batches where the JVM allows Arrow's memory ({@link ArrowTableWriter}),
     * else DuckDB's appender, row by row.
     */
    private interface TableRows extends AutoCloseable {

        void add(@Nullable Object[] row) throws SQLException;

        @Override
        void close() throws SQLException;

        static TableRows open(DuckDBConnection connection, Table table) throws SQLException {
            if (StagedLoad.throughArrow()) {
                ArrowTableWriter writer = new ArrowTableWriter(connection, WorkspaceDatabase.quote(table.name()),
                        table.plans().stream().map(ColumnPlan::sqlType).toList());
                return new TableRows() {
                    @Override
                    public void add(@Nullable Object[] row) throws SQLException {
                        writer.add(row);
                    }

                    @Override
                    public void close() throws SQLException {
                        writer.close();
                    }
                };
            }
            DuckDBAppender appender = connection.createAppender(WorkspaceDatabase.CATALOG,
                    DuckDBConnection.DEFAULT_SCHEMA, table.name());
            return new TableRows() {
                @Override
                public void add(@Nullable Object[] row) throws SQLException {
                    appender.beginRow();
                    for (Object value : row) {
                        append(appender, value);
                    }
                    appender.endRow();
                }

                @Override
                public void close() throws SQLException {
                    appender.close();
                }
            };
        }
    }

    private static void append(DuckDBAppender appender, @Nullable Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof String s) {
            appender.append(s);
        } else if (value instanceof Double d) {
            appender.append(d.doubleValue());
        } else if (value instanceof LocalDate d) {
            appender.append(d);
        } else {
            appender.append(value.toString());
        }
    }

    private static List<String> nullsAsEmpty(@Nullable String[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            out.add(v == null ? "" : v);
        }
        return out;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
