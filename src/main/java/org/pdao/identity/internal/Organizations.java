package org.pdao.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.AuthorityLevel;
import org.pdao.identity.CreditListType;
import org.pdao.identity.OrganizationStanding;
import org.pdao.identity.OrganizationStatus;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The identity module's organization tables. */
@Repository
class Organizations {

    private final JdbcClient jdbc;

    Organizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(OrganizationSummary o) {
        jdbc.sql("""
                insert into identity_organization (id, name, uscc, type, authority_level, region_code, parent_id,
                  mlps_level, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(o.id(), o.name(), o.uscc(), o.type().name(),
                        o.authorityLevel() == null ? null : o.authorityLevel().name(), o.regionCode(), o.parentId(),
                        o.mlpsLevel(), o.status().name(), Timestamp.from(Instant.now()))
                .update();
    }

    Optional<OrganizationSummary> find(UUID id) {
        return jdbc.sql("select * from identity_organization where id = ?").param(id).query(Organizations::map).optional();
    }

    Optional<OrganizationSummary> findByUscc(String uscc) {
        return jdbc.sql("select * from identity_organization where uscc = ?").param(uscc).query(Organizations::map)
                .optional();
    }

    List<OrganizationSummary> page(@Nullable OrganizationType type, @Nullable String nameContains, int offset, int limit) {
        return jdbc.sql("""
                select * from identity_organization
                where (cast(:type as varchar) is null or type = :type)
                  and (cast(:name as varchar) is null or lower(name) like :name)
                order by name, id offset :offset rows fetch next :limit rows only""")
                .param("type", type == null ? null : type.name())
                .param("name", nameContains == null ? null : "%" + nameContains.toLowerCase() + "%")
                .param("offset", offset).param("limit", limit)
                .query(Organizations::map).list();
    }

    long count(@Nullable OrganizationType type, @Nullable String nameContains) {
        return jdbc.sql("""
                select count(*) from identity_organization
                where (cast(:type as varchar) is null or type = :type)
                  and (cast(:name as varchar) is null or lower(name) like :name)""")
                .param("type", type == null ? null : type.name())
                .param("name", nameContains == null ? null : "%" + nameContains.toLowerCase() + "%")
                .query(Long.class).single();
    }

    void setStatus(UUID id, OrganizationStatus status) {
        jdbc.sql("update identity_organization set status = ? where id = ?").params(status.name(), id).update();
    }

    void addCreditEntry(UUID organizationId, OrganizationStanding.CreditEntry e, String recordedBy) {
        jdbc.sql("""
                insert into identity_credit_record (id, organization_id, list_type, source, listed_on, removed_on, note,
                  recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), organizationId, e.listType().name(), e.source(), e.listedOn(), e.removedOn(), e.note(),
                        recordedBy, Timestamp.from(Instant.now()))
                .update();
    }

    void addIncident(UUID organizationId, OrganizationStanding.Incident i, String recordedBy) {
        jdbc.sql("""
                insert into identity_security_incident (id, organization_id, occurred_on, category, description, source,
                  publicly_reported, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(i.id(), organizationId, i.occurredOn(), i.category(), i.description(), i.source(),
                        i.publiclyReported(), recordedBy, Timestamp.from(Instant.now()))
                .update();
    }

    OrganizationStanding standing(UUID organizationId) {
        List<OrganizationStanding.CreditEntry> credit = jdbc.sql(
                "select * from identity_credit_record where organization_id = ? order by listed_on, id")
                .param(organizationId)
                .query((rs, n) -> new OrganizationStanding.CreditEntry(rs.getObject("id", UUID.class),
                        CreditListType.valueOf(rs.getString("list_type")), rs.getString("source"),
                        rs.getObject("listed_on", LocalDate.class), rs.getObject("removed_on", LocalDate.class),
                        rs.getString("note")))
                .list();
        List<OrganizationStanding.Incident> incidents = jdbc.sql(
                "select * from identity_security_incident where organization_id = ? order by occurred_on, id")
                .param(organizationId)
                .query((rs, n) -> new OrganizationStanding.Incident(rs.getObject("id", UUID.class),
                        rs.getObject("occurred_on", LocalDate.class), rs.getString("category"),
                        rs.getString("description"), rs.getString("source"), rs.getBoolean("publicly_reported")))
                .list();
        return new OrganizationStanding(organizationId, credit, incidents);
    }

    private static OrganizationSummary map(ResultSet rs, int n) throws SQLException {
        String level = rs.getString("authority_level");
        Object mlps = rs.getObject("mlps_level");
        return new OrganizationSummary(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("uscc"),
                OrganizationType.valueOf(rs.getString("type")), level == null ? null : AuthorityLevel.valueOf(level),
                rs.getString("region_code"), rs.getObject("parent_id", UUID.class),
                mlps == null ? null : ((Number) mlps).intValue(), OrganizationStatus.valueOf(rs.getString("status")));
    }
}
