package org.pdao.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdao.audit.AuditEntry;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditProblem;
import org.pdao.audit.AuditReceipt;
import org.pdao.audit.AuditTrail;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tampers with the stored chain directly in the database, as a DBA with the triggers switched off
 * could, and checks that verification names the first bad entry. Every test restores the rows
 * exactly, because the test database is shared.
 */
class AuditTamperIntegrationTest extends ApiTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    ChainVerification verification;
    @Autowired
    GroupCommitAuditTrail appender;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private DbaAccess dba;
    private long k;

    @BeforeEach
    void someEntries() {
        dba = new DbaAccess(dataSource);
        List<AuditReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            receipts.add(trail.record(AuditEvent.of("test.tamper", "sample", i).with("i", i)));
        }
        k = receipts.get(2).sequence();
        assertThat(verification.verify().valid()).as("chain before tampering").isTrue();
    }

    private AuditEntry row(long seq) {
        return jdbc.sql("select " + AuditRows.COLUMNS + " from audit_entry where seq = ?").param(seq)
                .query((rs, n) -> AuditRows.read(rs)).single();
    }

    private void insert(AuditEntry e) throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(AuditRows.INSERT)) {
            AuditRows.bind(ps, e);
            ps.executeUpdate();
        }
    }

    private void assertFinds(long sequence, AuditProblem problem) {
        ChainVerification.Report report = verification.verify();
        assertThat(report.valid()).isFalse();
        assertThat(report.firstBadSequence()).isEqualTo(sequence);
        assertThat(report.problem()).isEqualTo(problem.name());
    }

    private void assertValidAgain() {
        assertThat(verification.verify().valid()).as("chain after restoring").isTrue();
    }

    @Test
    void detectsAModifiedEntry() {
        String original = row(k).targetId();
        dba.withoutTriggers("audit_entry", () -> {
            jdbc.sql("update audit_entry set target_id = 'forged' where seq = ?").param(k).update();
            try {
                assertFinds(k, AuditProblem.MODIFIED);
            } finally {
                jdbc.sql("update audit_entry set target_id = ? where seq = ?").params(original, k).update();
            }
        });
        assertValidAgain();
    }

    @Test
    void detectsARemovedEntry() {
        AuditEntry removed = row(k);
        dba.withoutTriggers("audit_entry", () -> {
            jdbc.sql("delete from audit_entry where seq = ?").param(k).update();
            try {
                assertFinds(k, AuditProblem.DELETED);
            } finally {
                insert(removed);
            }
        });
        assertValidAgain();
    }

    @Test
    void detectsTwoEntriesWhoseContentsWereSwapped() {
        AuditEntry a = row(k);
        AuditEntry b = row(k + 1);
        dba.withoutTriggers("audit_entry", () -> {
            jdbc.sql("delete from audit_entry where seq in (?, ?)").params(k, k + 1).update();
            insert(renumbered(b, k));
            insert(renumbered(a, k + 1));
            try {
                assertFinds(k, AuditProblem.OUT_OF_ORDER);
            } finally {
                jdbc.sql("delete from audit_entry where seq in (?, ?)").params(k, k + 1).update();
                insert(a);
                insert(b);
            }
        });
        assertValidAgain();
    }

    @Test
    void detectsAnEntryInsertedInTheMiddleEvenWhenItIsProperlyChained() {
        AuditEntry before = row(k - 1);
        dba.withoutTriggers("audit_entry", () -> {
            shift(k, +1);
            AuditEntry forged = AuditEntry.chain(k, before.occurredAt(),
                    AuditEvent.of("test.tamper", "sample", "forged"), before.hash());
            insert(forged);
            try {
                assertFinds(k, AuditProblem.INSERTED);
            } finally {
                jdbc.sql("delete from audit_entry where seq = ?").param(k).update();
                shift(k + 1, -1);
            }
        });
        assertValidAgain();
    }

    @Test
    void detectsATruncatedTailAgainstTheSignedCheckpoint() {
        appender.checkpointNow();
        ChainVerification.Report before = verification.verify();
        assertThat(before.lastCheckpoint()).isNotNull();
        long head = before.lastCheckpoint().sequence();
        assertThat(before.lastCheckpoint().signatureValid()).isTrue();
        AuditEntry last = row(head);
        AuditEntry secondLast = row(head - 1);
        dba.withoutTriggers("audit_entry", () -> {
            jdbc.sql("delete from audit_entry where seq >= ?").param(head - 1).update();
            try {
                assertFinds(head - 1, AuditProblem.TRUNCATED);
            } finally {
                insert(secondLast);
                insert(last);
            }
        });
        assertValidAgain();
    }

    @Test
    void detectsAForgedCheckpointSignature() {
        appender.checkpointNow();
        var cp = verification.checkpoints().get(verification.checkpoints().size() - 1);
        dba.withoutTriggers("audit_checkpoint", () -> {
            String forged = (cp.signature().charAt(10) == 'a' ? "b" : "a");
            jdbc.sql("update audit_checkpoint set signature = ? where seq = ?")
                    .params(cp.signature().substring(0, 10) + forged + cp.signature().substring(11), cp.sequence())
                    .update();
            try {
                assertFinds(cp.sequence(), AuditProblem.BAD_CHECKPOINT_SIGNATURE);
            } finally {
                jdbc.sql("update audit_checkpoint set signature = ? where seq = ?")
                        .params(cp.signature(), cp.sequence()).update();
            }
        });
        assertValidAgain();
    }

    @Test
    void checkpointsCannotBeChangedOrRemovedThroughJdbc() {
        appender.checkpointNow();
        var cp = verification.checkpoints().get(verification.checkpoints().size() - 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                "update audit_checkpoint set entry_hash = ? where seq = ?").params("0".repeat(64), cp.sequence())
                .update()).hasStackTraceContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from audit_checkpoint where seq = ?")
                .param(cp.sequence()).update()).hasStackTraceContaining("append-only");
        assertValidAgain();
    }

    /** Moves entries from {@code from} on by {@code delta}, through negative numbers to avoid key clashes. */
    private void shift(long from, int delta) {
        jdbc.sql("update audit_entry set seq = -(seq + ?) where seq >= ?").params(delta, from).update();
        jdbc.sql("update audit_entry set seq = -seq where seq < 0").update();
    }

    private static AuditEntry renumbered(AuditEntry e, long seq) {
        return new AuditEntry(seq, e.occurredAt(), e.actorUserId(), e.actorName(), e.actorOrganizationId(),
                e.actorRoles(), e.sourceAddress(), e.action(), e.targetType(), e.targetId(), e.outcome(), e.reason(),
                e.ruleId(), new java.util.TreeMap<>(e.details()), e.previousHash(), e.hash());
    }

}
