package org.pdao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.shared.Actor;

class AuditEntryTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123456Z");
    private final Actor actor = new Actor(UUID.randomUUID(), "operator", UUID.randomUUID(), List.of("OPERATOR"),
            "10.0.0.1");

    private AuditEntry entry(String targetType, String targetId, Map<String, String> details) {
        return AuditEntry.chain(7, AT, new AuditEvent(actor, "catalog.publish", targetType, targetId,
                AuditOutcome.SUCCESS, null, null, details), AuditEntry.GENESIS);
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeTheSameHash() {
        assertThat(entry("ab", "c", Map.of()).hash()).isNotEqualTo(entry("a", "bc", Map.of()).hash());
        assertThat(entry("t", "x", Map.of("a", "b=c")).hash()).isNotEqualTo(entry("t", "x", Map.of("a=b", "c")).hash());
    }

    @Test
    void anAbsentValueDiffersFromAnEmptyOne() {
        AuditEntry none = AuditEntry.chain(1, AT, new AuditEvent(actor, "a.b", "t", null, AuditOutcome.SUCCESS,
                null, null, Map.of()), AuditEntry.GENESIS);
        AuditEntry empty = AuditEntry.chain(1, AT, new AuditEvent(actor, "a.b", "t", "", AuditOutcome.SUCCESS,
                null, null, Map.of()), AuditEntry.GENESIS);
        assertThat(none.hash()).isNotEqualTo(empty.hash());
    }

    @Test
    void detailsAreHashedInKeyOrderWhateverTheirInsertionOrder() {
        Map<String, String> one = new java.util.LinkedHashMap<>();
        one.put("b", "2");
        one.put("a", "1");
        assertThat(entry("t", "x", one).hash()).isEqualTo(entry("t", "x", new TreeMap<>(one)).hash());
    }

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        AuditEntry e = entry("t", "x", Map.of("k", "v"));
        assertThat(e.computeHash()).isEqualTo(e.hash()).hasSize(64);
        assertThat(new AuditEntry(8, e.occurredAt(), e.actorUserId(), e.actorName(), e.actorOrganizationId(),
                e.actorRoles(), e.sourceAddress(), e.action(), e.targetType(), e.targetId(), e.outcome(), e.reason(),
                e.ruleId(), e.details(), e.previousHash(), e.hash()).computeHash()).isNotEqualTo(e.hash());
        assertThat(new AuditEntry(7, e.occurredAt().plusNanos(1000), e.actorUserId(), e.actorName(),
                e.actorOrganizationId(), e.actorRoles(), e.sourceAddress(), e.action(), e.targetType(), e.targetId(),
                e.outcome(), e.reason(), e.ruleId(), e.details(), e.previousHash(), e.hash()).computeHash())
                .isNotEqualTo(e.hash());
        assertThat(new AuditEntry(7, e.occurredAt(), e.actorUserId(), e.actorName(), e.actorOrganizationId(),
                List.of("DEVELOPER"), e.sourceAddress(), e.action(), e.targetType(), e.targetId(), e.outcome(),
                e.reason(), e.ruleId(), e.details(), e.previousHash(), e.hash()).computeHash()).isNotEqualTo(e.hash());
        assertThat(new AuditEntry(7, e.occurredAt(), e.actorUserId(), e.actorName(), e.actorOrganizationId(),
                e.actorRoles(), e.sourceAddress(), e.action(), e.targetType(), e.targetId(), e.outcome(), e.reason(),
                e.ruleId(), e.details(), "1".repeat(64), e.hash()).computeHash()).isNotEqualTo(e.hash());
    }

    @Test
    void theExportLineCarriesEveryFieldBackExactly() {
        AuditEntry e = entry("t", "x", Map.of("k", "v", "数", "值"));
        AuditEntry back = AuditJsonLines.toEntry(AuditJsonLines.parse(AuditJsonLines.entry(e)));
        assertThat(back).isEqualTo(e);
        assertThat(back.computeHash()).isEqualTo(e.hash());
    }
}
