package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Makes the audit tables append-only in the database itself: UPDATE, DELETE and TRUNCATE are
 * refused by triggers, on PostgreSQL with a PL/pgSQL function, on H2 with
 * {@code org.pdao.audit.internal.AppendOnlyTrigger}.
 */
public class V3_1__AuditAppendOnly extends BaseJavaMigration {

    static final String[] TABLES = {"audit_entry", "audit_checkpoint", "audit_signing_key"};

    @Override
    public void migrate(Context context) throws Exception {
        String product = context.getConnection().getMetaData().getDatabaseProductName();
        try (Statement st = context.getConnection().createStatement()) {
            if (product.toLowerCase().contains("postgres")) {
                st.execute("""
                        create or replace function audit_refuse_change() returns trigger language plpgsql as $$
                        begin
                          raise exception 'audit tables are append-only: % on % refused', tg_op, tg_table_name;
                        end $$""");
                for (String t : TABLES) {
                    st.execute("create trigger " + t + "_append_only before update or delete on " + t
                            + " for each row execute function audit_refuse_change()");
                    st.execute("create trigger " + t + "_no_truncate before truncate on " + t
                            + " for each statement execute function audit_refuse_change()");
                }
            } else if (product.toLowerCase().contains("h2")) {
                for (String t : TABLES) {
                    st.execute("create trigger " + t + "_append_only before update, delete on " + t
                            + " for each row call \"org.pdao.audit.internal.AppendOnlyTrigger\"");
                }
            } else {
                throw new IllegalStateException("no append-only trigger for database " + product);
            }
        }
    }
}
