package org.pdao.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** What a database administrator could do behind the platform's back: switch the append-only triggers off. */
final class DbaAccess {

    private final DataSource dataSource;

    DbaAccess(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    boolean postgres() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} with the append-only triggers of {@code table} off, and restores them afterwards. */
    void withoutTriggers(String table, Work work) {
        boolean pg = postgres();
        exec(pg ? "alter table " + table + " disable trigger " + table + "_append_only"
                : "drop trigger " + table + "_append_only");
        try {
            work.run();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            exec(pg ? "alter table " + table + " enable trigger " + table + "_append_only"
                    : "create trigger " + table + "_append_only before update, delete on " + table
                            + " for each row call \"org.pdao.audit.internal.AppendOnlyTrigger\"");
        }
    }

    void exec(String sql) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    interface Work {
        void run() throws SQLException;
    }
}
