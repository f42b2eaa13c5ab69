package org.pdao.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** The H2 trigger that refuses UPDATE and DELETE on the audit tables (PostgreSQL has its own). */
public final class AppendOnlyTrigger implements Trigger {

    private String table = "";

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
            int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("audit tables are append-only: change of " + table + " refused", "42501");
    }
}
