package org.pdao.dataspace.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.Zone;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the access part of the dataspace (desensitization, grants, workspaces) may know of the zones and
 * their datasets, and the one way it reads raw rows: under the zone store's lock, only named columns of a
 * loaded dataset, streamed to a sink inside the platform. Nothing here hands out the raw store itself.
 */
@Component
public class ZoneDatasets {

    /** A loaded dataset: its table name, person-key column, the grade (1–4) of every column and its rows. */
    public record Dataset(UUID zoneId, String name, String personKey, Map<String, Integer> grades, long rows,
            @Nullable UUID resourceId) {

        public Dataset {
            grades = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(grades));
        }
    }

    /** Receives raw rows, one array of column values (strings as loaded, or null) at a time. */
    @FunctionalInterface
    public interface RowSink {
        void accept(@Nullable String[] values) throws Exception;
    }

    private final ZoneRegistry zones;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile @Nullable Boolean resourceColumn;

    ZoneDatasets(ZoneRegistry zones, JdbcClient jdbc, DataSource dataSource) {
        this.zones = zones;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public Optional<Zone> zone(UUID zoneId) {
        return zones.find(zoneId);
    }

    public Optional<Zone> zoneByCode(String code) {
        return zones.findByCode(code);
    }

    public List<Dataset> datasets(UUID zoneId) {
        return jdbc.sql("select * from dataspace_dataset where zone_id = ? order by name").param(zoneId)
                .query(this::dataset).list();
    }

    public Optional<Dataset> dataset(UUID zoneId, String name) {
        return jdbc.sql("select * from dataspace_dataset where zone_id = ? and name = ?").params(zoneId, name)
                .query(this::dataset).optional();
    }

    /**
     * Streams the values of {@code columns} of every row of a loaded dataset to {@code sink}, holding the
     * zone store's lock; returns the number of rows. Only columns the dataset has are accepted.
     */
    public long read(UUID zoneId, String datasetName, List<String> columns, RowSink sink) throws Exception {
        Dataset dataset = dataset(zoneId, datasetName)
                .orElseThrow(() -> new IllegalArgumentException("no such dataset in the zone"));
        if (columns.isEmpty() || !dataset.grades().keySet().containsAll(columns)) {
            throw new IllegalArgumentException("unknown column of the dataset");
        }
        String select = "SELECT " + columns.stream().map(ZoneDatasets::quote).collect(Collectors.joining(", "))
                + " FROM " + RawStore.CATALOG + ".main." + quote(dataset.name());
        RawStore store = zones.store(zoneId);
        long rows = 0;
        synchronized (store) {
            try (Statement statement = store.connection().createStatement();
                    ResultSet rs = statement.executeQuery(select)) {
                String[] values = new String[columns.size()];
                while (rs.next()) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getString(i + 1);
                    }
                    sink.accept(values.clone());
                    rows++;
                }
            }
        }
        return rows;
    }

    private Dataset dataset(ResultSet rs, int row) throws SQLException {
        Map<String, Integer> grades = new LinkedHashMap<>();
        for (String pair : rs.getString("column_grades").split(",")) {
            String[] parts = pair.split("=");
            grades.put(parts[0], Integer.parseInt(parts[1]));
        }
        return new Dataset(rs.getObject("zone_id", UUID.class), rs.getString("name"), rs.getString("person_key"),
                grades, rs.getLong("row_count"), resourceColumn() ? rs.getObject("resource_id", UUID.class) : null);
    }

    private boolean resourceColumn() {
        Boolean known = resourceColumn;
        if (known == null) {
            known = hasResourceColumn(dataSource);
            resourceColumn = known;
        }
        return known;
    }

    /** Whether datasets carry their catalog resource yet (the ingestion side adds {@code resource_id}). */
    private static boolean hasResourceColumn(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> found = new ArrayList<>();
            for (String table : List.of("dataspace_dataset", "DATASPACE_DATASET")) {
                try (ResultSet columns = meta.getColumns(null, null, table, null)) {
                    while (columns.next()) {
                        found.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return found.contains("resource_id");
        } catch (SQLException e) {
            return false;
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
