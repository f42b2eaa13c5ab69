package org.pdao.dataspace.internal.query;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The release ledger in the platform database ({@code dataspace_query_cell}, populations in {@code dataspace_query}). */
@Component
class JdbcReleaseLedger implements ReleaseLedger {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcReleaseLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Cell> near(UUID grantId, long persons, int k, String populationKey, int limit) {
        return jdbc.sql("""
                select c.query_id, c.population_key, q.population_sql, c.keys_json, c.persons, c.sketch
                from dataspace_query_cell c join dataspace_query q on q.id = c.query_id
                where c.grant_id = ? and c.persons > ? and c.persons < ? and c.population_key <> ?
                order by c.recorded_at desc limit ?""")
                .params(grantId, persons - k, persons + k, populationKey, limit)
                .query((rs, n) -> new Cell(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        JSON.readValue(rs.getString(4), new TypeReference<List<String>>() {}), rs.getLong(5),
                        ContributionSketch.decode(rs.getString(6))))
                .list();
    }

    @Override
    public void record(UUID grantId, List<Cell> cells) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Cell> batch = new ArrayList<>(cells);
        for (Cell c : batch) {
            jdbc.sql("""
                    insert into dataspace_query_cell (id, grant_id, query_id, population_key, keys_json, persons,
                        recorded_at, sketch) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), grantId, c.queryId(), c.canonicalPopulation(),
                            JSON.writeValueAsString(c.keys()), c.persons(), now,
                            c.sketch() == null ? null : c.sketch().encoded())
                    .update();
        }
    }
}
