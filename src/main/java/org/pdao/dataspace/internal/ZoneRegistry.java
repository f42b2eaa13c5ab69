package org.pdao.dataspace.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.ZoneIndustry;
import org.pdao.dataspace.ZoneKind;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.pdao.shared.crypto.MasterKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Zones: creation with their encrypted raw store, lookup, and the open (locked-down) stores. */
@Service
class ZoneRegistry implements AutoCloseable {

    record NewZone(String code, String nameZh, String nameEn, ZoneKind kind, @Nullable ZoneIndustry industry,
            UUID supervisorOrganizationId, UUID operatorOrganizationId) {}

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    private static final RuleRef ZONES_RULE = new RuleRef("NJ-5", "《南京市公共数据授权运营管理暂行办法》第五条",
            "Nanjing Interim Measures on Authorized Operation of Public Data, Art. 5");
    private static final int KEY_BYTES = 32;

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final OrganizationDirectory organizations;
    private final AuditTrail audit;
    private final DataspaceSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, RawStore> open = new ConcurrentHashMap<>();

    ZoneRegistry(JdbcClient jdbc, MasterKey masterKey, OrganizationDirectory organizations, AuditTrail audit,
            DataspaceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.organizations = organizations;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    Zone create(NewZone request) {
        if (!CODE.matcher(request.code()).matches()) {
            throw ProblemException.badRequest("dataspace.zone.code-invalid");
        }
        if ((request.kind() == ZoneKind.INDUSTRY) != (request.industry() != null)) {
            throw ProblemException.badRequest("dataspace.zone.industry-mismatch");
        }
        OrganizationSummary supervisor = organizations.find(request.supervisorOrganizationId())
                .orElseThrow(() -> ProblemException.notFound("organization", request.supervisorOrganizationId()));
        OrganizationSummary operator = organizations.find(request.operatorOrganizationId())
                .orElseThrow(() -> ProblemException.notFound("organization", request.operatorOrganizationId()));
        OrganizationType expected = request.kind() == ZoneKind.COMPREHENSIVE ? OrganizationType.AUTHORITY
                : OrganizationType.INDUSTRY_REGULATOR;
        if (supervisor.type() != expected) {
            throw ProblemException.ruleViolation(ZONES_RULE, expected == OrganizationType.AUTHORITY
                    ? "dataspace.zone.supervisor-authority" : "dataspace.zone.supervisor-regulator");
        }
        if (operator.type() != OrganizationType.OPERATOR) {
            throw ProblemException.ruleViolation(ZONES_RULE, "dataspace.zone.operator-type");
        }
        if (findByCode(request.code()).isPresent()) {
            throw ProblemException.conflict("dataspace.zone.code-taken");
        }
        UUID id = UUID.randomUUID();
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        String storeFile = id + ".duckdb";
        try {
            Files.createDirectories(settings.storeDir());
            open.put(id, RawStore.open(settings.storeDir().resolve(storeFile), key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the raw store of a zone", e);
        }
        Instant now = clock.instant();
        jdbc.sql("""
                insert into dataspace_zone (id, code, name_zh, name_en, kind, industry, supervisor_org_id,
                    operator_org_id, store_file, sealed_store_key, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, request.code(), request.nameZh(), request.nameEn(), request.kind().name(),
                        request.industry() == null ? null : request.industry().name(), supervisor.id(), operator.id(),
                        storeFile, masterKey.seal(keyPurpose(id), key), Actors.currentOrSystem().username(),
                        Timestamp.from(now))
                .update();
        audit.record(AuditEvent.of("dataspace.zone-create", "zone", id).with("code", request.code())
                .with("kind", request.kind()).with("supervisor", supervisor.id()).with("operator", operator.id()));
        return new Zone(id, request.code(), request.nameZh(), request.nameEn(), request.kind(), request.industry(),
                supervisor.id(), operator.id(), now);
    }

    Optional<Zone> find(UUID id) {
        return jdbc.sql("select * from dataspace_zone where id = ?").param(id).query(ZoneRegistry::zone).optional();
    }

    Zone require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("zone", id));
    }

    Optional<Zone> findByCode(String code) {
        return jdbc.sql("select * from dataspace_zone where code = ?").param(code).query(ZoneRegistry::zone).optional();
    }

    Page<Zone> list(int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<Zone> items = jdbc.sql("select * from dataspace_zone order by created_at, code limit ? offset ?")
                .params(size, (long) page * size).query(ZoneRegistry::zone).list();
        long total = jdbc.sql("select count(*) from dataspace_zone").query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** The zone's raw store, opened with its unsealed key and locked down. Callers synchronize on it. */
    RawStore store(UUID zoneId) {
        return open.computeIfAbsent(zoneId, id -> {
            Map<String, Object> row = jdbc.sql("select store_file, sealed_store_key from dataspace_zone where id = ?")
                    .param(id).query().singleRow();
            byte[] key = masterKey.open(keyPurpose(id), (String) row.get("sealed_store_key"));
            try {
                return RawStore.open(storeFile((String) row.get("store_file")), key);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot open the raw store of a zone", e);
            }
        });
    }

    Path storeFile(String name) {
        return settings.storeDir().resolve(name);
    }

    static String keyPurpose(UUID zoneId) {
        return "dataspace.zone-store:" + zoneId;
    }

    private static Zone zone(java.sql.ResultSet rs, int row) throws SQLException {
        String industry = rs.getString("industry");
        return new Zone(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name_zh"),
                rs.getString("name_en"), ZoneKind.valueOf(rs.getString("kind")),
                industry == null ? null : ZoneIndustry.valueOf(industry),
                rs.getObject("supervisor_org_id", UUID.class), rs.getObject("operator_org_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }

    @Override
    public void close() throws SQLException {
        for (RawStore store : open.values()) {
            store.close();
        }
        open.clear();
    }
}
