package org.pdao.authorization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.authorization.AgreementTier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agreement tables: only this module reads or writes them. */
@Repository
class Agreements {

    record Transition(UUID id, UUID agreementId, @Nullable String from, String to, String actor,
            @Nullable String reason, @Nullable String ruleId, Instant at) {}

    record Version(UUID agreementId, int version, String textSm3, String canonical, @Nullable String reason,
            String recordedBy, Instant recordedAt) {}

    record Filter(@Nullable UUID visibleTo, @Nullable UUID organizationId, @Nullable AgreementState state,
            @Nullable AgreementTier tier) {}

    private static final String SEP = "\n";
    private final JdbcClient jdbc;

    Agreements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Agreement a) {
        jdbc.sql("""
                insert into authorization_agreement (id, number, profile_id, model, tier, grantor_org_id, grantor_name,
                    party_org_id, party_name, title, scenarios, zone_ids, zone_codes, valid_from, valid_until, state,
                    version, end_cause, end_rule, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.number(), a.profileId(), a.model(), a.tier().name(), a.grantorId(), a.grantorName(),
                        a.partyId(), a.partyName(), a.title(), String.join(SEP, a.scenarios()),
                        String.join(SEP, a.zoneIds().stream().map(UUID::toString).toList()),
                        String.join(SEP, a.zoneCodes()), a.validFrom(), a.validUntil(), a.state().name(), a.version(),
                        a.endCause(), a.endRule(), a.createdBy(), Timestamp.from(a.createdAt()),
                        Timestamp.from(a.updatedAt()))
                .update();
    }

    /**
     * Writes the new state of {@code next} only if the stored row is still in {@code expected}'s state and
     * version; returns false when someone else changed it first (nothing is written then).
     */
    boolean update(Agreement expected, Agreement next) {
        return jdbc.sql("""
                update authorization_agreement set title = ?, scenarios = ?, zone_ids = ?, zone_codes = ?,
                    valid_from = ?, valid_until = ?, state = ?, version = ?, end_cause = ?, end_rule = ?,
                    updated_at = ?
                where id = ? and state = ? and version = ?""")
                .params(next.title(), String.join(SEP, next.scenarios()),
                        String.join(SEP, next.zoneIds().stream().map(UUID::toString).toList()),
                        String.join(SEP, next.zoneCodes()), next.validFrom(), next.validUntil(), next.state().name(),
                        next.version(), next.endCause(), next.endRule(), Timestamp.from(next.updatedAt()),
                        expected.id(), expected.state().name(), expected.version())
                .update() == 1;
    }

    Optional<Agreement> find(UUID id) {
        return jdbc.sql("select * from authorization_agreement where id = ?").param(id).query(Agreements::agreement)
                .optional();
    }

    /** Agreements where the organization is the authorized party, in the given states. */
    List<Agreement> ofParty(UUID partyId, List<AgreementState> states) {
        return jdbc.sql("select * from authorization_agreement where party_org_id = :party and state in (:states)"
                        + " order by valid_from, number")
                .param("party", partyId).param("states", states.stream().map(Enum::name).toList())
                .query(Agreements::agreement).list();
    }

    /** Effective or suspended agreements whose term ended before {@code today}. */
    List<Agreement> endedBefore(LocalDate today) {
        return jdbc.sql("select * from authorization_agreement where state in ('EFFECTIVE', 'SUSPENDED')"
                + " and valid_until < ? order by valid_until").param(today).query(Agreements::agreement).list();
    }

    List<Agreement> page(Filter filter, int offset, int size) {
        StringBuilder sql = new StringBuilder("select * from authorization_agreement where 1 = 1");
        List<Object> args = where(filter, sql);
        sql.append(" order by created_at desc, number limit ? offset ?");
        args.add(size);
        args.add(offset);
        return jdbc.sql(sql.toString()).params(args).query(Agreements::agreement).list();
    }

    long count(Filter filter) {
        StringBuilder sql = new StringBuilder("select count(*) from authorization_agreement where 1 = 1");
        List<Object> args = where(filter, sql);
        return jdbc.sql(sql.toString()).params(args).query(Long.class).single();
    }

    private static List<Object> where(Filter filter, StringBuilder sql) {
        List<Object> args = new ArrayList<>();
        if (filter.visibleTo() != null) {
            sql.append(" and (grantor_org_id = ? or party_org_id = ?)");
            args.add(filter.visibleTo());
            args.add(filter.visibleTo());
        }
        if (filter.organizationId() != null) {
            sql.append(" and (grantor_org_id = ? or party_org_id = ?)");
            args.add(filter.organizationId());
            args.add(filter.organizationId());
        }
        if (filter.state() != null) {
            sql.append(" and state = ?");
            args.add(filter.state().name());
        }
        if (filter.tier() != null) {
            sql.append(" and tier = ?");
            args.add(filter.tier().name());
        }
        return args;
    }

    // clauses

    List<Clause> clauses(UUID agreementId) {
        return jdbc.sql("select * from authorization_clause where agreement_id = ? order by position, clause_key")
                .param(agreementId)
                .query((rs, n) -> new Clause(rs.getString("clause_key"), rs.getInt("position"), rs.getString("title"),
                        rs.getString("body")))
                .list();
    }

    void putClause(UUID agreementId, Clause clause) {
        int changed = jdbc.sql("update authorization_clause set title = ?, body = ? where agreement_id = ? and clause_key = ?")
                .params(clause.title(), clause.body(), agreementId, clause.key()).update();
        if (changed == 0) {
            jdbc.sql("insert into authorization_clause (agreement_id, clause_key, position, title, body) values (?, ?, ?, ?, ?)")
                    .params(agreementId, clause.key(), clause.position(), clause.title(), clause.body()).update();
        }
    }

    boolean removeClause(UUID agreementId, String key) {
        return jdbc.sql("delete from authorization_clause where agreement_id = ? and clause_key = ?")
                .params(agreementId, key).update() == 1;
    }

    int nextClausePosition(UUID agreementId) {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from authorization_clause where agreement_id = ?")
                .param(agreementId).query(Integer.class).single();
    }

    // versions

    void recordVersion(Version v) {
        boolean exists = jdbc.sql("select count(*) from authorization_agreement_version where agreement_id = ? and version = ?")
                .params(v.agreementId(), v.version()).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("""
                    insert into authorization_agreement_version (agreement_id, version, text_sm3, canonical, reason,
                        recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(v.agreementId(), v.version(), v.textSm3(), v.canonical(), v.reason(), v.recordedBy(),
                            Timestamp.from(v.recordedAt()))
                    .update();
        }
    }

    List<Version> versions(UUID agreementId) {
        return jdbc.sql("select * from authorization_agreement_version where agreement_id = ? order by version")
                .param(agreementId)
                .query((rs, n) -> new Version(rs.getObject("agreement_id", UUID.class), rs.getInt("version"),
                        rs.getString("text_sm3"), rs.getString("canonical"), rs.getString("reason"),
                        rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    Optional<Version> version(UUID agreementId, int version) {
        return versions(agreementId).stream().filter(v -> v.version() == version).findFirst();
    }

    // signatures

    void insertSignature(Signature s) {
        jdbc.sql("""
                insert into authorization_signature (agreement_id, version, organization_id, text_sm3, signature_hex,
                    public_key_hex, signed_by, signed_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.agreementId(), s.version(), s.organizationId(), s.textSm3(), s.signatureHex(),
                        s.publicKeyHex(), s.signedBy(), Timestamp.from(s.signedAt()))
                .update();
    }

    List<Signature> signatures(UUID agreementId) {
        return jdbc.sql("select * from authorization_signature where agreement_id = ? order by version, signed_at")
                .param(agreementId)
                .query((rs, n) -> new Signature(rs.getObject("agreement_id", UUID.class), rs.getInt("version"),
                        rs.getObject("organization_id", UUID.class), rs.getString("text_sm3"),
                        rs.getString("signature_hex"), rs.getString("public_key_hex"), rs.getString("signed_by"),
                        rs.getTimestamp("signed_at").toInstant()))
                .list();
    }

    // transitions

    void recordTransition(Transition t) {
        jdbc.sql("""
                insert into authorization_transition (id, agreement_id, from_state, to_state, actor, reason, rule_id, at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.agreementId(), t.from(), t.to(), t.actor(), t.reason(), t.ruleId(),
                        Timestamp.from(t.at()))
                .update();
    }

    List<Transition> transitions(UUID agreementId) {
        return jdbc.sql("select * from authorization_transition where agreement_id = ? order by seq")
                .param(agreementId)
                .query((rs, n) -> new Transition(rs.getObject("id", UUID.class), rs.getObject("agreement_id", UUID.class),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("actor"),
                        rs.getString("reason"), rs.getString("rule_id"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    private static Agreement agreement(ResultSet rs, int row) throws SQLException {
        return new Agreement(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("profile_id"),
                rs.getString("model"), AgreementTier.valueOf(rs.getString("tier")),
                rs.getObject("grantor_org_id", UUID.class), rs.getString("grantor_name"),
                rs.getObject("party_org_id", UUID.class), rs.getString("party_name"), rs.getString("title"),
                split(rs.getString("scenarios")),
                split(rs.getString("zone_ids")).stream().map(UUID::fromString).toList(),
                split(rs.getString("zone_codes")), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), AgreementState.valueOf(rs.getString("state")),
                rs.getInt("version"), rs.getString("end_cause"), rs.getString("end_rule"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> split(@Nullable String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(joined.split(SEP));
    }
}
