package org.pdao.supervision.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.pdao.catalog.CatalogSupply;
import org.pdao.dataspace.DataUse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the data space's {@link DataUse} events per source unit (the unit whose catalog resource the
 * data is), for the contribution assessment by use (TZ-19): grants over its resources, workspaces prepared
 * with its rows, governed queries run on them. Recorded after the publisher's commit, in a transaction of
 * its own, so nothing is counted that did not happen and a failure here never fails the use itself.
 * Each event is recorded once (its ids are unique keys).
 */
@Component
class DataUseLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DataUseLedger.class);

    /** A source unit's use figures: grants issued in a period and in force at its end, and what workspaces did. */
    record Figures(long grantsIssued, long grantsInForce, long grantees, long workspacesPrepared, long rowsServed,
            long queries) {}

    private final JdbcClient jdbc;
    private final CatalogSupply catalog;
    private final TransactionTemplate own;

    DataUseLedger(JdbcClient jdbc, CatalogSupply catalog, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(DataUse use) {
        try {
            own.executeWithoutResult(status -> record(use));
        } catch (RuntimeException e) {
            LOG.warn("data use of grant {} not recorded: {}", use.grantId(), e.toString());
        }
    }

    void record(DataUse use) {
        if (use instanceof DataUse.Granted g) {
            for (DataUse.GrantedDataset d : g.datasets()) {
                sourceUnit(d.resourceId()).ifPresent(unit -> jdbc.sql("""
                        insert into supervision_grant_use (grant_id, resource_id, source_unit_id, party_org_id,
                            columns_granted, granted_at, valid_until)
                        select ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from supervision_grant_use
                            where grant_id = ? and resource_id = ?)""")
                        .params(g.grantId(), d.resourceId(), unit, g.partyOrganizationId(), d.columns(),
                                Timestamp.from(g.at()), g.validUntil(), g.grantId(), d.resourceId())
                        .update());
            }
        } else if (use instanceof DataUse.GrantEnded e) {
            jdbc.sql("update supervision_grant_use set ended_at = ? where grant_id = ? and ended_at is null")
                    .params(Timestamp.from(e.at()), e.grantId()).update();
        } else if (use instanceof DataUse.WorkspacePrepared p) {
            String event = p.workspaceId() + "@" + p.at().toEpochMilli();
            for (DataUse.ServedDataset d : p.datasets()) {
                workspaceUse("PREPARED", event, p.workspaceId(), p.grantId(), d.resourceId(), d.rows(), p.at());
            }
        } else if (use instanceof DataUse.WorkspaceQueried q) {
            for (UUID resource : q.resourceIds()) {
                workspaceUse("QUERY", q.meterId().toString(), q.workspaceId(), q.grantId(), resource, 0, q.at());
            }
        }
    }

    private void workspaceUse(String kind, String event, UUID workspace, UUID grant, UUID resource, long rows,
            Instant at) {
        sourceUnit(resource).ifPresent(unit -> jdbc.sql("""
                insert into supervision_workspace_use (id, kind, event_id, workspace_id, grant_id, resource_id,
                    source_unit_id, rows_served, occurred_at)
                select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from supervision_workspace_use
                    where kind = ? and event_id = ? and resource_id = ?)""")
                .params(UUID.randomUUID(), kind, event, workspace, grant, resource, unit, rows, Timestamp.from(at),
                        kind, event, resource)
                .update());
    }

    private Optional<UUID> sourceUnit(UUID resourceId) {
        return catalog.resource(resourceId).map(CatalogSupply.SuppliedResource::sourceUnitId);
    }

    /**
     * A source unit's use from {@code from} to {@code to}: grants issued in it, grants in force (and their
     * distinct parties) at {@code asOf} — the period's end, or today for the current period —, workspaces
     * prepared and rows served in it, queries run on workspaces holding its data in it.
     */
    Figures figures(UUID unit, LocalDate from, LocalDate to, LocalDate asOf) {
        Timestamp start = Timestamp.from(from.atStartOfDay(QualityRules.ZONE).toInstant());
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(QualityRules.ZONE).toInstant());
        Timestamp asOfEnd = Timestamp.from(asOf.plusDays(1).atStartOfDay(QualityRules.ZONE).toInstant());
        long issued = jdbc.sql("""
                select count(distinct grant_id) from supervision_grant_use
                where source_unit_id = ? and granted_at >= ? and granted_at < ?""")
                .params(unit, start, end).query(Long.class).single();
        long[] inForce = jdbc.sql("""
                select count(distinct grant_id), count(distinct party_org_id) from supervision_grant_use
                where source_unit_id = ? and granted_at < ? and (ended_at is null or ended_at >= ?) and valid_until >= ?""")
                .params(unit, asOfEnd, asOfEnd, asOf).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        long[] prepared = jdbc.sql("""
                select count(distinct event_id), coalesce(sum(rows_served), 0) from supervision_workspace_use
                where source_unit_id = ? and kind = 'PREPARED' and occurred_at >= ? and occurred_at < ?""")
                .params(unit, start, end).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long queries = jdbc.sql("""
                select count(distinct event_id) from supervision_workspace_use
                where source_unit_id = ? and kind = 'QUERY' and occurred_at >= ? and occurred_at < ?""")
                .params(unit, start, end).query(Long.class).single();
        return new Figures(issued, inForce[0], inForce[1], prepared[0], prepared[1], queries);
    }
}
