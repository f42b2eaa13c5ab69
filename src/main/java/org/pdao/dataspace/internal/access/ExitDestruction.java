package org.pdao.dataspace.internal.access;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pdao.authorization.RetainedDataDestroyed;
import org.pdao.authorization.RetainedDataDestructionOrdered;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.RuleRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out an exit's order to destroy the data the exiting party retains (JL-prohibit, TZ-12 封存销毁): every
 * workspace of the party's grants under the ordered agreements is sealed and destroyed, and the certificates go
 * back to the exit as {@link RetainedDataDestroyed} (an empty list when nothing was retained).
 */
@Component
class ExitDestruction {

    private final JdbcClient jdbc;
    private final Workspaces workspaces;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;

    ExitDestruction(JdbcClient jdbc, Workspaces workspaces, ApplicationEventPublisher events, java.time.Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.workspaces = workspaces;
        this.events = events;
    }

    @EventListener
    void on(RetainedDataDestructionOrdered order) {
        Actor actor = Actors.currentOrSystem();
        RuleRef rule = Grants.rule(order.ruleId());
        List<RetainedDataDestroyed.Certificate> certificates = new ArrayList<>();
        List<UUID> ids = order.agreementIds().isEmpty() ? List.of() : jdbc.sql("""
                select w.id from dataspace_workspace w join dataspace_grant g on g.id = w.grant_id
                where g.party_org_id = :party and g.agreement_id in (:agreements) and w.state <> 'DESTROYED'
                order by w.created_at""")
                .param("party", order.partyOrganizationId()).param("agreements", order.agreementIds())
                .query(UUID.class).list();
        for (UUID id : ids) {
            Workspaces.DestructionCertificate c = workspaces.destroyOrdered(actor, id,
                    "exit " + order.exitId() + " ordered destruction of retained data", rule);
            certificates.add(new RetainedDataDestroyed.Certificate("workspace", c.workspaceId(), c.fileSm3(),
                    c.fileBytes(), c.auditSequence(), c.auditHash(), c.destroyedAt()));
        }
        events.publishEvent(new RetainedDataDestroyed(order.exitId(), order.partyOrganizationId(), certificates,
                clock.instant()));
    }
}
