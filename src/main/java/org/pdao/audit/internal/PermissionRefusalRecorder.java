package org.pdao.audit.internal;

import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.PermissionRefused;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records every permission refusal that the web layer reports. */
@Component
class PermissionRefusalRecorder {

    private final AuditTrail trail;

    PermissionRefusalRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(PermissionRefused refused) {
        trail.record(AuditEvent.of("security.permission-refused", "endpoint", refused.method() + " " + refused.path())
                .by(refused.actor())
                .refused("permission refused", null));
    }
}
