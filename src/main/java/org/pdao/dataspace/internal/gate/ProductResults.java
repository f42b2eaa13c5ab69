package org.pdao.dataspace.internal.gate;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.pdao.dataspace.ReleasedResults;
import org.pdao.dataspace.internal.query.QueryTables;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Released results as data products see them: described from the result, its grant and the datasets the grant's
 * request named and the query read (with the time the zone loaded each), and served through {@link ResultIssues} so that every product
 * key gets its own watermark.
 */
@Service
class ProductResults implements ReleasedResults {

    private record GrantFacts(UUID agreementId, String scenario, UUID requestId) {}

    private final ResultStore store;
    private final ResultIssues issues;
    private final JdbcClient jdbc;
    private final QueryTables tablesRead;

    ProductResults(ResultStore store, ResultIssues issues, JdbcClient jdbc, QueryTables tablesRead) {
        this.tablesRead = tablesRead;
        this.store = store;
        this.issues = issues;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ResultSource> describe(UUID queryId, Actor developer) {
        return store.ofQuery(queryId)
                .filter(r -> r.developerOrganizationId().equals(developer.organizationId()))
                .filter(StoredResult::isReleased)
                .map(this::source);
    }

    @Override
    public Served serve(UUID resultId, Recipient recipient) {
        StoredResult r = store.find(resultId).orElseThrow(() -> ProblemException.notFound("query-result", resultId));
        if (r.state() == ResultState.DESTROYED) {
            throw new ProblemException(HttpStatus.GONE, "gate.result.destroyed", ResultStore.DESTROYED_WITH_WORKSPACE);
        }
        if (!r.isReleased()) {
            throw ProblemException.notFound("query-result", resultId);
        }
        return issues.serve(r, recipient);
    }

    private ResultSource source(StoredResult r) {
        GrantFacts grant = jdbc.sql("select agreement_id, scenario, request_id from dataspace_grant where id = ?")
                .param(r.grantId())
                .query((rs, n) -> new GrantFacts(rs.getObject("agreement_id", UUID.class), rs.getString("scenario"),
                        rs.getObject("request_id", UUID.class)))
                .single();
        List<SourceDataset> sources = jdbc.sql("""
                select c.dataset_name, c.resource_id, max(d.loaded_at) loaded_at
                from dataspace_data_request_column c
                join dataspace_dataset d on d.zone_id = ? and d.name = c.dataset_name
                where c.request_id = ?
                group by c.dataset_name, c.resource_id
                order by c.dataset_name""")
                .params(r.zoneId(), grant.requestId())
                .query((rs, n) -> new SourceDataset(rs.getString("dataset_name"), rs.getObject("resource_id", UUID.class),
                        rs.getTimestamp("loaded_at").toInstant()))
                .list();
        // the datasets the query read (TZ-10: the sources of the data the product uses); all of the grant's if unknown
        Set<String> read = tablesRead.of(r.queryId());
        List<SourceDataset> used = sources.stream()
                .filter(s -> read.contains(s.dataset().toLowerCase(Locale.ROOT))).toList();
        ResultCodec.Table table = store.released(r);
        Instant releasedAt = r.decidedAt() == null ? r.submittedAt() : r.decidedAt();
        return new ResultSource(r.id(), r.queryId(), r.workspaceId(), r.grantId(), grant.agreementId(), r.zoneId(),
                r.operatorOrganizationId(), grant.scenario(), table.columns().stream().map(ResultColumn::name).toList(),
                table.rows().size(), used.isEmpty() ? sources : used, releasedAt);
    }
}
