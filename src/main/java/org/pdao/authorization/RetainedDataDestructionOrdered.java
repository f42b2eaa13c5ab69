package org.pdao.authorization;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published when an exit (退出, TZ-27, JL-exit) orders the sealing and destruction of the data the exiting party
 * retains on the platform under {@code agreementIds} (JL-prohibit "责令其删除授权运营留存的相关数据", TZ-12 封存销毁).
 * The module that holds such data (the trusted data space: the party's workspaces) seals and destroys it and
 * answers with {@link RetainedDataDestroyed}; logs are kept (they are not retained data of the party).
 */
public record RetainedDataDestructionOrdered(UUID exitId, UUID partyOrganizationId, List<UUID> agreementIds,
        String ruleId, String orderedBy, Instant at) {

    public RetainedDataDestructionOrdered {
        agreementIds = List.copyOf(agreementIds);
    }
}
