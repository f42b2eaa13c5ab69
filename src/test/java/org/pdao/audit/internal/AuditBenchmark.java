package org.pdao.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.pdao.PdaoApplication;
import org.pdao.audit.AuditEntry;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditOutcome;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.Actor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit log benchmark (not a test): on H2 and on PostgreSQL, append throughput with 8
 * concurrent writers against plain single-row inserts (each its own transaction) with 8 writers
 * into an equivalent table, and the time to verify a chain of a million entries. Run:
 * {@code ./mvnw -q -B test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.pdao.audit.internal.AuditBenchmark} (PostgreSQL from {@code PDAO_BENCH_PG_URL},
 * default {@code jdbc:postgresql://127.0.0.1:5432/pdao_test_aud}; skipped with {@code -Dbench.pg=false}).
 */
public final class AuditBenchmark {

    private static final int WRITERS = 8;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int CHAIN = Integer.getInteger("bench.chain", 1_000_000);

    private AuditBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        Path h2 = Path.of("target/bench-h2");
        deleteTree(h2);
        rows.add(run("H2 2.4 (file, PostgreSQL mode)", "jdbc:h2:file:./" + h2 + "/pdao;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""));
        if (!"false".equals(System.getProperty("bench.pg"))) {
            String url = System.getenv().getOrDefault("PDAO_BENCH_PG_URL",
                    "jdbc:postgresql://127.0.0.1:5432/pdao_test_aud");
            rows.add(run("PostgreSQL", url, "postgres", ""));
        }
        System.out.println();
        System.out.println("| database | plain inserts/s (8 writers) | audit appends/s (8 writers) | ratio | "
                + "verify entries | verify ms | ms per million |");
        System.out.println("|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static String run(String name, String url, String user, String password) throws Exception {
        System.out.println("== " + name);
        // command-line arguments: they outrank application.yml
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PdaoApplication.class).run(
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--server.port=0",
                "--pdao.crypto.master-key=00112233445566778899aabbccddeeff", "--pdao.demo.enabled=false",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        try {
            DataSource ds = ctx.getBean(DataSource.class);
            AuditTrail trail = ctx.getBean(AuditTrail.class);
            exec(ds, "drop table if exists bench_plain");
            exec(ds, """
                    create table bench_plain (
                        seq bigint not null primary key, occurred_at timestamp with time zone not null,
                        actor_user_id uuid, actor_name varchar(100) not null, actor_org_id uuid,
                        actor_roles varchar(300) not null, source_address varchar(64), action varchar(100) not null,
                        target_type varchar(60) not null, target_id varchar(200), outcome varchar(10) not null,
                        reason varchar(2000), rule_id varchar(30), details text not null,
                        prev_hash varchar(64) not null, entry_hash varchar(64) not null)""");
            exec(ds, "create index bench_plain_occurred_at on bench_plain (occurred_at)");
            exec(ds, "create index bench_plain_action on bench_plain (action)");
            exec(ds, "create index bench_plain_actor on bench_plain (actor_name)");
            Actor actor = new Actor(java.util.UUID.randomUUID(), "bench", java.util.UUID.randomUUID(),
                    List.of("OPERATOR"), "10.0.0.1");
            AuditEvent event = AuditEvent.of("bench.append", "sample", "x").by(actor).with("k", "v");
            AtomicLong plainSeq = new AtomicLong();
            Runnable plain = () -> {
                try (Connection c = ds.getConnection();
                        PreparedStatement ps = c.prepareStatement(AuditRows.INSERT.replace("audit_entry", "bench_plain"))) {
                    AuditEntry e = AuditEntry.chain(plainSeq.incrementAndGet(),
                            Instant.now().truncatedTo(ChronoUnit.MICROS), event, AuditEntry.GENESIS);
                    AuditRows.bind(ps, e);
                    ps.executeUpdate();
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            };
            Runnable append = () -> trail.record(event);
            measure(plain, 3);
            measure(append, 3);
            double plainRate = measure(plain, SECONDS);
            double appendRate = measure(append, SECONDS);
            System.out.printf("plain %.0f/s, append %.0f/s, ratio %.2f%n", plainRate, appendRate, appendRate / plainRate);

            ctx.getBean(GroupCommitAuditTrail.class).checkpointNow();
            fill(ds, CHAIN);
            ChainVerification verification = ctx.getBean(ChainVerification.class);
            ChainVerification.Report report = verification.verify();
            if (!report.valid()) {
                throw new IllegalStateException("benchmark chain is not valid: " + report);
            }
            double perMillion = report.elapsedMillis() * 1_000_000.0 / report.entriesChecked();
            System.out.printf("verified %d entries in %d ms (%.0f ms per million)%n", report.entriesChecked(),
                    report.elapsedMillis(), perMillion);
            return String.format("| %s | %.0f | %.0f | %.2f | %d | %d | %.0f |", name, plainRate, appendRate,
                    appendRate / plainRate, report.entriesChecked(), report.elapsedMillis(), perMillion);
        } finally {
            ctx.close();
        }
    }

    /** Operations per second of {@code op} run by 8 threads for {@code seconds}. */
    private static double measure(Runnable op, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    op.run();
                    done.incrementAndGet();
                }
            });
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Tops the chain up to {@code size} entries with properly chained rows, inserted in large batches. */
    private static void fill(DataSource ds, int size) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long seq;
            String prev;
            try (Statement st = c.createStatement();
                    var rs = st.executeQuery("select seq, entry_hash from audit_entry order by seq desc fetch first 1 rows only")) {
                rs.next();
                seq = rs.getLong(1);
                prev = rs.getString(2);
            }
            Actor actor = new Actor(java.util.UUID.randomUUID(), "filler", null, List.of("SYSTEM"), null);
            try (PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
                int inBatch = 0;
                while (seq < size) {
                    AuditEvent ev = new AuditEvent(actor, "bench.fill", "sample", Long.toString(seq), AuditOutcome.SUCCESS,
                            null, null, Map.of("n", Long.toString(seq)));
                    AuditEntry e = AuditEntry.chain(++seq, Instant.now().truncatedTo(ChronoUnit.MICROS), ev, prev);
                    AuditRows.bind(ps, e);
                    ps.addBatch();
                    prev = e.hash();
                    if (++inBatch == 5000) {
                        ps.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    private static void exec(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
