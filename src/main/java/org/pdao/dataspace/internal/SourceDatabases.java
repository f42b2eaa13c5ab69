package org.pdao.dataspace.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.internal.ingest.JdbcSource;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.MasterKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Source units' databases that a zone's operator loads from: a PostgreSQL URL ({@code jdbc:postgresql:}
 * only), a user and a password sealed with SM4 under the platform master key. The password is never
 * shown again; it is unsealed only to open a read-only connection for a load.
 */
@Service
class SourceDatabases {

    /** A registered source database as shown: never the password. */
    record SourceDatabase(UUID id, UUID zoneId, String name, String url, String username, String createdBy,
            Instant createdAt) {}

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final AuditTrail audit;
    private final Clock clock;

    SourceDatabases(JdbcClient jdbc, MasterKey masterKey, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers a source database after checking that it accepts the connection. */
    SourceDatabase register(UUID zoneId, String name, String url, String username, String password, Actor actor) {
        if (!url.startsWith(JdbcSource.URL_PREFIX) || url.length() > 500) {
            throw ProblemException.badRequest("dataspace.source.url-invalid");
        }
        if (jdbc.sql("select count(*) from dataspace_source where zone_id = ? and name = ?").params(zoneId, name)
                .query(Long.class).single() > 0) {
            throw ProblemException.conflict("dataspace.source.name-taken");
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, credentials(username, password))) {
            connection.isValid(5);
        } catch (java.sql.SQLException e) {
            throw ProblemException.badRequest("dataspace.source.unreachable");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into dataspace_source (id, zone_id, name, url, username, sealed_password, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, zoneId, name, url, username,
                        masterKey.seal(purpose(id), password.getBytes(StandardCharsets.UTF_8)), actor.username(),
                        Timestamp.from(now))
                .update();
        audit.record(AuditEvent.of("dataspace.source-register", "zone", zoneId).by(actor).with("source", id)
                .with("name", name).with("url", url));
        return new SourceDatabase(id, zoneId, name, url, username, actor.username(), now);
    }

    Page<SourceDatabase> list(UUID zoneId, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<SourceDatabase> items = jdbc.sql("select * from dataspace_source where zone_id = ? order by name limit ? offset ?")
                .params(zoneId, size, (long) page * size)
                .query((rs, n) -> new SourceDatabase(rs.getObject("id", UUID.class), zoneId, rs.getString("name"),
                        rs.getString("url"), rs.getString("username"), rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
        long total = jdbc.sql("select count(*) from dataspace_source where zone_id = ?").param(zoneId)
                .query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** The connection of a zone's source database, its password unsealed. */
    DatasetIngestion.DatabaseSource open(UUID zoneId, UUID id) {
        return jdbc.sql("select url, username, sealed_password from dataspace_source where id = ? and zone_id = ?")
                .params(id, zoneId)
                .query((rs, n) -> new DatasetIngestion.DatabaseSource(id, rs.getString("url"), rs.getString("username"),
                        new String(masterKey.open(purpose(id), rs.getString("sealed_password")), StandardCharsets.UTF_8)))
                .optional().orElseThrow(() -> ProblemException.notFound("source database", id));
    }

    private static java.util.Properties credentials(String username, String password) {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        return properties;
    }

    static String purpose(UUID id) {
        return "dataspace.source-password:" + id;
    }
}
