package org.pdao.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdao.shared.crypto.Sm2;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditLogIntegrationTest extends ApiTest {

    @Autowired
    AuditTrail trail;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentWritersGetDistinctConsecutiveChainedEntries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<AuditReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            futures.add(pool.submit(() -> trail.record(AuditEvent.of("test.concurrent", "sample", n))));
        }
        Set<Long> sequences = new HashSet<>();
        for (Future<AuditReceipt> f : futures) {
            AuditReceipt r = f.get();
            sequences.add(r.sequence());
            String stored = jdbc.sql("select entry_hash from audit_entry where seq = ?").param(r.sequence())
                    .query(String.class).single();
            assertThat(stored).isEqualTo(r.hash());
        }
        pool.shutdown();
        assertThat(sequences).hasSize(400);
        Api.Response verified = api.post("/api/v1/audit/verifications", login("auditadmin"), null);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("valid").asBoolean()).as(verified.body()).isTrue();
        assertThat(verified.json().path("entriesChecked").asLong()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aFailedAppendFailsItsCallerAndLeavesTheChainConsistent() {
        assertThatThrownBy(() -> trail.record(AuditEvent.of("test." + "x".repeat(150), "sample", "too-long")))
                .isInstanceOf(IllegalStateException.class);
        AuditReceipt next = trail.record(AuditEvent.of("test.after-failure", "sample", "ok"));
        assertThat(jdbc.sql("select entry_hash from audit_entry where seq = ?").param(next.sequence())
                .query(String.class).single()).isEqualTo(next.hash());
        assertThat(jdbc.sql("select count(*) from audit_entry where target_id = 'too-long'").query(Long.class)
                .single()).isZero();
        Api.Response verified = api.post("/api/v1/audit/verifications", login("auditadmin"), null);
        assertThat(verified.json().path("valid").asBoolean()).as(verified.body()).isTrue();
    }

    @Test
    void updatesAndDeletesThroughJdbcAreRefusedByTheDatabase() {
        AuditReceipt r = trail.record(AuditEvent.of("test.append-only", "sample", "x"));
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set reason = 'x' where seq = ?").param(r.sequence())
                .update()).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where seq = ?").param(r.sequence()).update())
                .hasStackTraceContaining("append-only");
        assertThat(jdbc.sql("select entry_hash from audit_entry where seq = ?").param(r.sequence())
                .query(String.class).single()).isEqualTo(r.hash());
    }

    @Test
    void truncateIsRefusedOnPostgres() {
        String product = jdbc.sql("select 1").query((rs, n) -> rs.getStatement().getConnection().getMetaData()
                .getDatabaseProductName()).single();
        org.junit.jupiter.api.Assumptions.assumeTrue(product.toLowerCase().contains("postgres"));
        assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update()).hasStackTraceContaining("append-only");
    }

    @Test
    void theAuditAdminReadsFilteredEntriesAndOthersCannot() {
        String marker = "t-" + System.nanoTime();
        trail.record(AuditEvent.of("test.read.one", "sample", marker).refused("because", "TZ-23"));
        trail.record(AuditEvent.of("test.read.two", "sample", marker));
        String admin = login("auditadmin");
        Api.Response all = api.get("/api/v1/audit/entries?targetId=" + marker + "&size=10", admin);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("total").asLong()).isEqualTo(2);
        Api.Response refused = api.get("/api/v1/audit/entries?targetId=" + marker + "&outcome=REFUSED&ruleId=TZ-23"
                + "&action=test.read", admin);
        assertThat(refused.json().path("items")).hasSize(1);
        assertThat(refused.json().path("items").get(0).path("action").asString()).isEqualTo("test.read.one");
        assertThat(api.get("/api/v1/audit/entries?targetId=" + marker + "&action=test.read.t", admin).json()
                .path("total").asLong()).isEqualTo(1);

        String developer = login("developer");
        assertThat(api.get("/api/v1/audit/entries", developer).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/audit/verifications", developer, null).status()).isEqualTo(403);
        Api.Response recorded = api.get("/api/v1/audit/entries?actor=developer&action=security.permission-refused"
                + "&targetId=POST%20/api/v1/audit/verifications", admin);
        assertThat(recorded.json().path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/audit/entries?size=500", admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/audit/entries?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", admin)
                .status()).isEqualTo(400);
    }

    @Test
    void theSecuritySupervisorReadsButCannotVerifyOrExport() {
        String supervisor = login("supervisor");
        assertThat(api.get("/api/v1/audit/entries", supervisor).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/audit/verifications", supervisor, null).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/export", supervisor).status()).isEqualTo(403);
    }

    @Test
    void verificationIsItselfAudited() {
        String admin = login("auditadmin");
        long before = api.get("/api/v1/audit/entries?action=audit.verify&actor=auditadmin", admin).json()
                .path("total").asLong();
        assertThat(api.post("/api/v1/audit/verifications", admin, null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/entries?action=audit.verify&actor=auditadmin", admin).json()
                .path("total").asLong()).isEqualTo(before + 1);
    }

    @Test
    void anExportVerifiesOfflineAndATamperedLineIsNamed(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 5; i++) {
            trail.record(AuditEvent.of("test.export", "sample", i));
        }
        String admin = login("auditadmin");
        byte[] key = Sm2.parsePublicKey(api.get("/api/v1/audit/public-key", admin).text("pem"));
        Api.Response export = api.get("/api/v1/audit/export", admin);
        assertThat(export.status()).isEqualTo(200);
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, export.body());

        OfflineAuditVerifier.Result ok = OfflineAuditVerifier.verify(file, key);
        assertThat(ok.valid()).as(ok.describe()).isTrue();
        Api.Response server = api.post("/api/v1/audit/verifications", admin, null);
        assertThat(server.json().path("valid").asBoolean()).isTrue();
        assertThat(ok.entriesChecked()).isLessThanOrEqualTo(server.json().path("entriesChecked").asLong());

        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int target = -1;
        for (int i = lines.size() - 1; i > 0; i--) {
            if (lines.get(i).contains("\"test.export\"")) {
                target = i;
                break;
            }
        }
        assertThat(target).isPositive();
        long seq = AuditJsonLines.parse(lines.get(target)).path("seq").asLong();
        lines.set(target, lines.get(target).replace("\"test.export\"", "\"test.exporx\""));
        Path tampered = dir.resolve("tampered.jsonl");
        Files.write(tampered, lines, StandardCharsets.UTF_8);

        OfflineAuditVerifier.Result bad = OfflineAuditVerifier.verify(tampered, key);
        assertThat(bad.valid()).isFalse();
        assertThat(bad.firstBadSequence()).isEqualTo(seq);
        assertThat(bad.firstBadLine()).isEqualTo(target + 1);
        assertThat(bad.problem()).isEqualTo("MODIFIED");
        assertThat(OfflineAuditVerifier.verify(file, Sm2.generate().publicKey()).valid()).isFalse();
    }

    @Test
    void aPartialExportVerifiesFromItsFirstEntry(@TempDir Path dir) throws Exception {
        List<AuditReceipt> r = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            r.add(trail.record(AuditEvent.of("test.export.range", "sample", i)));
        }
        String admin = login("auditadmin");
        Api.Response export = api.get("/api/v1/audit/export?fromSequence=" + r.get(1).sequence() + "&toSequence="
                + r.get(3).sequence(), admin);
        Path file = dir.resolve("part.jsonl");
        Files.writeString(file, export.body());
        OfflineAuditVerifier.Result ok = OfflineAuditVerifier.verify(file, null);
        assertThat(ok.valid()).as(ok.describe()).isTrue();
        assertThat(ok.entriesChecked()).isEqualTo(3);
        assertThat(api.get("/api/v1/audit/export?fromSequence=0", admin).status()).isEqualTo(400);
    }
}
