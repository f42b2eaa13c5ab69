package org.pdao.dataspace.internal.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A desensitization rule for one column of one zone dataset: the method, its parameters and the rule's state. */
record DesensitizationRule(UUID id, UUID zoneId, String dataset, String column, DesensitizationMethod method,
        Map<String, String> params, RuleState state, String label, String writtenBy, Instant writtenAt,
        @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String reason) {

    DesensitizationRule {
        params = Map.copyOf(params);
    }
}
