package org.pdao.dataspace.internal.query;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreTest {
    @TempDir
    static Path dir;
    static QueryableWorkspace workspace;
    static LockedEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        workspace = TestWorkspace.create(dir);
        engine = new LockedEngine(TestWorkspace.settings(dir)); ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LockedEngine.class)).setLevel(ch.qos.logback.classic.Level.DEBUG);
    }

    @Test
    void explore() {
        String[] queries = System.getProperty("q", "").split("\n;;\n");
        for (String q : queries) {
            try {
                var out = new GovernedExecution(engine, TestWorkspace.settings(dir), new TestWorkspace.MemoryLedger())
                        .run(workspace, UUID.randomUUID(), q, 10);
                System.out.println("OK   " + q.replace('\n', ' ') + "\n     " + out.columns().stream().map(c -> c.name() + ":" + c.disclosure()).toList() + " " + out.rows().subList(0, Math.min(5, out.rows().size())) + " supp=" + out.suppressed());
            } catch (QueryRefused r) {
                System.out.println("REF  " + q.replace('\n', ' ') + "\n     " + r.refusals().stream().map(x -> x.rule().id() + "/" + x.code() + "/" + x.column() + "/" + java.util.Arrays.toString(x.args())).toList());
            } catch (RuntimeException e) {
                System.out.println("ERR  " + q + " " + e); e.printStackTrace(System.out);
            }
        }
    }
}
