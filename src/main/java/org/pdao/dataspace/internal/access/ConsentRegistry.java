package org.pdao.dataspace.internal.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.ResidentIdNumber;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm3;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent records (NJ-16): per person and one scenario, given and withdrawn with time and channel. A consent
 * that names several scenarios at once is bundled and refused. Persons are stored only as an HMAC-SM3 digest
 * of their ID number under a platform key, so the same person is found again without the number in clear.
 */
@Service
class ConsentRegistry {

    /** What a bulk import did: rows given, rows withdrawn. */
    record ImportResult(int given, int withdrawn) {}

    private final JdbcClient jdbc;
    private final AccessKeys keys;
    private final AuditTrail audit;
    private final Clock clock;

    ConsentRegistry(JdbcClient jdbc, AccessKeys keys, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** The digest under which a person (by ID number, as loaded in a person-key column) is known. */
    String digest(String idNumber) {
        return HexFormat.of().formatHex(Sm3.hmac(keys.key(AccessKeys.CONSENT_DIGEST),
                idNumber.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }

    /** Digests with a key already in hand (for many rows). */
    static String digest(byte[] key, String idNumber) {
        return HexFormat.of().formatHex(Sm3.hmac(key,
                idNumber.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
    }

    byte[] digestKey() {
        return keys.key(AccessKeys.CONSENT_DIGEST);
    }

    @Transactional
    ConsentRecord give(Actor actor, String idNumber, List<String> scenarios, ConsentChannel channel,
            @Nullable Instant at) {
        String scenario = single(scenarios);
        checkPerson(idNumber);
        Instant when = at == null ? clock.instant() : at;
        String digest = digest(idNumber);
        Optional<ConsentRecord> existing = find(digest, scenario);
        Timestamp now = Timestamp.from(clock.instant());
        UUID id;
        if (existing.isPresent()) {
            existing.get().state().checkMoveTo(ConsentState.GIVEN);
            id = existing.get().id();
            jdbc.sql("""
                    update dataspace_consent set state = 'GIVEN', given_at = ?, given_channel = ?, withdrawn_at = null,
                        withdrawn_channel = null, recorded_by = ?, updated_at = ? where id = ?""")
                    .params(Timestamp.from(when), channel.name(), actor.username(), now, id).update();
        } else {
            id = UUID.randomUUID();
            jdbc.sql("""
                    insert into dataspace_consent (id, person_digest, scenario, state, given_at, given_channel,
                        recorded_by, updated_at) values (?, ?, ?, 'GIVEN', ?, ?, ?, ?)""")
                    .params(id, digest, scenario, Timestamp.from(when), channel.name(), actor.username(), now).update();
        }
        audit.record(AuditEvent.of("dataspace.consent-give", "consent", id).by(actor).underRule(AccessRules.NJ_16.id())
                .with("scenario", scenario).with("channel", channel));
        return find(digest, scenario).orElseThrow();
    }

    @Transactional
    ConsentRecord withdraw(Actor actor, String idNumber, String scenario, ConsentChannel channel,
            @Nullable Instant at) {
        checkPerson(idNumber);
        String digest = digest(idNumber);
        ConsentRecord existing = find(digest, scenario)
                .orElseThrow(() -> ProblemException.notFound("consent", scenario));
        existing.state().checkMoveTo(ConsentState.WITHDRAWN);
        Instant when = at == null ? clock.instant() : at;
        jdbc.sql("""
                update dataspace_consent set state = 'WITHDRAWN', withdrawn_at = ?, withdrawn_channel = ?,
                    recorded_by = ?, updated_at = ? where id = ?""")
                .params(Timestamp.from(when), channel.name(), actor.username(), Timestamp.from(clock.instant()),
                        existing.id())
                .update();
        audit.record(AuditEvent.of("dataspace.consent-withdraw", "consent", existing.id()).by(actor)
                .underRule(AccessRules.NJ_16.id()).with("scenario", scenario).with("channel", channel));
        return find(digest, scenario).orElseThrow();
    }

    /**
     * Imports consent records from CSV ({@code id_number,scenario,action,channel,at} with a header; action
     * GIVE or WITHDRAW, {@code at} ISO-8601 or empty), all or nothing: a bad or bundled row refuses the file.
     */
    @Transactional
    ImportResult importCsv(Actor actor, InputStream content) {
        record Row(String idNumber, String scenario, boolean give, ConsentChannel channel, @Nullable Instant at) {}
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equals("id_number,scenario,action,channel,at")) {
                throw ProblemException.badRequest("workspace.consent.import-header");
            }
            int line = 1;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                String[] cells = text.split(",", -1);
                if (cells.length != 5) {
                    throw ProblemException.badRequest("workspace.consent.import-row", line);
                }
                List<String> scenarios = List.of(cells[1].split("[;|；、]"));
                if (scenarios.size() != 1) {
                    throw ProblemException.ruleViolation(AccessRules.NJ_16, "workspace.consent.bundled");
                }
                try {
                    String action = cells[2].trim().toUpperCase(Locale.ROOT);
                    if (!action.equals("GIVE") && !action.equals("WITHDRAW")) {
                        throw new IllegalArgumentException(action);
                    }
                    checkPerson(cells[0]);
                    rows.add(new Row(cells[0].trim(), scenario(cells[1]), action.equals("GIVE"),
                            ConsentChannel.valueOf(cells[3].trim().toUpperCase(Locale.ROOT)),
                            cells[4].isBlank() ? null : Instant.parse(cells[4].trim())));
                } catch (IllegalArgumentException | DateTimeParseException | ProblemException e) {
                    throw ProblemException.badRequest("workspace.consent.import-row", line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int given = 0;
        int withdrawn = 0;
        for (Row row : rows) {
            if (row.give()) {
                give(actor, row.idNumber(), List.of(row.scenario()), row.channel(), row.at());
                given++;
            } else {
                withdraw(actor, row.idNumber(), row.scenario(), row.channel(), row.at());
                withdrawn++;
            }
        }
        audit.record(AuditEvent.of("dataspace.consent-import", "consent", null).by(actor)
                .underRule(AccessRules.NJ_16.id()).with("given", given).with("withdrawn", withdrawn));
        return new ImportResult(given, withdrawn);
    }

    Optional<ConsentRecord> find(String digest, String scenario) {
        return jdbc.sql("select * from dataspace_consent where person_digest = ? and scenario = ?")
                .params(digest, scenario).query(ConsentRegistry::record).optional();
    }

    /** The digests of the persons whose consent for {@code scenario} is given now. */
    Set<String> givenDigests(String scenario) {
        return new HashSet<>(jdbc.sql("select person_digest from dataspace_consent where scenario = ? and state = 'GIVEN'")
                .param(scenario).query(String.class).list());
    }

    long givenCount(String scenario) {
        return jdbc.sql("select count(*) from dataspace_consent where scenario = ? and state = 'GIVEN'")
                .param(scenario).query(Long.class).single();
    }

    /** How many persons whose rows a workspace holds no longer consent to {@code scenario}. */
    long withdrawnAmong(UUID workspaceId, String scenario) {
        return jdbc.sql("""
                select count(*) from dataspace_workspace_subject s
                where s.workspace_id = ? and not exists (select 1 from dataspace_consent c
                    where c.person_digest = s.person_digest and c.scenario = ? and c.state = 'GIVEN')""")
                .params(workspaceId, scenario).query(Long.class).single();
    }

    Page<ConsentRecord> list(String scenario, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<ConsentRecord> items = jdbc.sql("""
                select * from dataspace_consent where scenario = ? order by updated_at desc, id limit ? offset ?""")
                .params(scenario, size, (long) page * size).query(ConsentRegistry::record).list();
        long total = jdbc.sql("select count(*) from dataspace_consent where scenario = ?").param(scenario)
                .query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    private static String single(List<String> scenarios) {
        if (scenarios.size() != 1) {
            throw ProblemException.ruleViolation(AccessRules.NJ_16, "workspace.consent.bundled");
        }
        return scenario(scenarios.get(0));
    }

    private static String scenario(String text) {
        String scenario = text.trim();
        if (scenario.isEmpty() || scenario.length() > 200) {
            throw ProblemException.badRequest("workspace.consent.scenario-invalid");
        }
        return scenario;
    }

    private static void checkPerson(String idNumber) {
        if (!ResidentIdNumber.isValid(idNumber.trim().toUpperCase(Locale.ROOT))) {
            throw ProblemException.badRequest("workspace.consent.id-invalid");
        }
    }

    private static ConsentRecord record(ResultSet rs, int row) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        String withdrawnChannel = rs.getString("withdrawn_channel");
        return new ConsentRecord(rs.getObject("id", UUID.class), rs.getString("person_digest"),
                rs.getString("scenario"), ConsentState.valueOf(rs.getString("state")),
                rs.getTimestamp("given_at").toInstant(), ConsentChannel.valueOf(rs.getString("given_channel")),
                withdrawn == null ? null : withdrawn.toInstant(),
                withdrawnChannel == null ? null : ConsentChannel.valueOf(withdrawnChannel));
    }
}
