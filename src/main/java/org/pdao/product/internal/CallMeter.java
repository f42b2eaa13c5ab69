package org.pdao.product.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts the calls of each product key per day, served and refused (SY-17: use is metered per party). */
@Component
class CallMeter {

    /** One key's calls on one day. */
    record Usage(UUID keyId, String prefix, UUID holderOrganizationId, LocalDate day, long served, long refused) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    CallMeter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    long servedToday(UUID keyId) {
        return jdbc.sql("select served from product_call_meter where key_id = ? and call_day = ?").params(keyId, today())
                .query(Long.class).optional().orElse(0L);
    }

    void served(UUID keyId) {
        count(keyId, "served");
    }

    void refused(UUID keyId) {
        count(keyId, "refused");
    }

    /** Calls of the product's keys between two days (inclusive), by key and day. */
    List<Usage> usage(UUID productId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select m.key_id, k.prefix, k.holder_org_id, m.call_day, m.served, m.refused
                from product_call_meter m join product_key k on k.id = m.key_id
                where k.product_id = ? and m.call_day between ? and ?
                order by m.call_day, k.prefix""")
                .params(productId, from, to)
                .query((rs, n) -> new Usage(rs.getObject("key_id", UUID.class), rs.getString("prefix"),
                        rs.getObject("holder_org_id", UUID.class), rs.getObject("call_day", LocalDate.class),
                        rs.getLong("served"), rs.getLong("refused")))
                .list();
    }

    private void count(UUID keyId, String column) {
        LocalDate day = today();
        String update = "update product_call_meter set " + column + " = " + column + " + 1 where key_id = ? and call_day = ?";
        if (jdbc.sql(update).params(keyId, day).update() == 1) {
            return;
        }
        try {
            jdbc.sql("insert into product_call_meter (key_id, call_day, served, refused) values (?, ?, ?, ?)")
                    .params(keyId, day, column.equals("served") ? 1 : 0, column.equals("served") ? 0 : 1).update();
        } catch (DuplicateKeyException raced) {
            jdbc.sql(update).params(keyId, day).update();
        }
    }
}
