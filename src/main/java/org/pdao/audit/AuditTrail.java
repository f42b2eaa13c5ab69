package org.pdao.audit;

/**
 * The one way every module writes to the audit log. An entry is durable (committed and chained)
 * when {@link #record} returns.
 */
public interface AuditTrail {

    AuditReceipt record(AuditEvent event);
}
