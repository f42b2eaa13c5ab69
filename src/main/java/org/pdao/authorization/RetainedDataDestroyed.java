package org.pdao.authorization;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to {@link RetainedDataDestructionOrdered}: every workspace of the party under the ordered agreements
 * is destroyed, each with its destruction certificate (digest and size of the deleted file, the audit entry that
 * records it). An empty list certifies that nothing was retained. The exit records the certificates.
 */
public record RetainedDataDestroyed(UUID exitId, UUID partyOrganizationId, List<Certificate> certificates,
        Instant at) {

    public RetainedDataDestroyed {
        certificates = List.copyOf(certificates);
    }

    /** One destroyed store of the party's data. */
    public record Certificate(String store, UUID storeId, String fileSm3, long fileBytes, long auditSequence,
            String auditHash, Instant destroyedAt) {}
}
