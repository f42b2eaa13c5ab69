package org.pdao.dataspace.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.authorization.AgreementSummary;
import org.pdao.authorization.internal.DemoSigningKeys;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.dataspace.internal.query.ColumnTreatment;
import org.pdao.dataspace.internal.query.QueryableWorkspace;
import org.pdao.dataspace.internal.query.WorkspaceColumn;
import org.pdao.dataspace.internal.query.WorkspaceGateway;
import org.pdao.dataspace.internal.query.WorkspaceTable;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.pdao.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * End to end through HTTP as the demo roles: request → operator approval → filing → workspace; the
 * workspace holds desensitized views only; agreement revocation, term end and consent withdrawal cut
 * access at the very next call, naming the rule.
 */
class WorkspaceAccessIntegrationTest extends ApiTest {

    @TestConfiguration
    static class Config {

        @Bean
        @Primary
        TestClock testClock() {
            return TestClock.ticking();
        }
    }

    /**
     * This class has a context of its own (a clock it moves), so it needs a database of its own: contexts that
     * share one database but not the zone stores' directory would find the demo zones without their files.
     */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        if ("postgres".equals(System.getProperty("pdao.test.db"))) {
            String url = System.getenv().getOrDefault("PDAO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pdao_test");
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=access_it");
            registry.add("spring.flyway.schemas", () -> "access_it");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:pdao_access_it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
    }

    private static final Actor DEVELOPER = new Actor(null, "developer", DemoOrganizations.DEVELOPER,
            List.of("DEVELOPER"), null);

    @Autowired
    TestClock clock;

    @Autowired
    AgreementDirectory agreements;

    @Autowired
    WorkspaceGateway gateway;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    ZoneDatasets datasets;

    private Zone zone() {
        return datasets.zoneByCode("TZ-COMPREHENSIVE").orElseThrow();
    }

    /** An agreement in force from the demo operator to the demo developer, drafted and signed (SM2) through the API. */
    private AgreementSummary agreement(String... scenarios) {
        String operator = login("operator");
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", operator).json()) {
            clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(), "body",
                    "关于" + t.path("titleZh").asString() + "的约定。"));
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("tier", "DEVELOPER");
        draft.put("partyOrganizationId", DemoOrganizations.DEVELOPER.toString());
        draft.put("title", "数据使用测试协议");
        draft.put("scenarios", List.of(scenarios));
        draft.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
        draft.put("validFrom", today().toString());
        draft.put("validUntil", today().plusYears(1).toString());
        draft.put("clauses", clauses);
        Api.Response created = api.post("/api/v1/agreements", operator, draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        sign(operator, id, "operator");
        Api.Response signed = sign(login("developer"), id, "developer");
        assertThat(signed.text("state")).as(signed.body()).isEqualTo("EFFECTIVE");
        return agreements.find(UUID.fromString(id)).orElseThrow();
    }

    private Api.Response sign(String token, String id, String demoKey) {
        Api.Response text = api.get("/api/v1/agreements/" + id + "/signing-text", token);
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        String sm3 = text.text("sm3");
        Api.Response signed = api.post("/api/v1/agreements/" + id + "/signatures", token, Map.of("version",
                text.json().path("version").asInt(), "textSm3", sm3, "signature",
                DemoSigningKeys.sign(DemoSigningKeys.privateKey(demoKey), sm3)));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        return signed;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void requestApprovalFilingAndWorkspaceHoldDesensitizedViewsOnly() throws Exception {
        String operator = login("operator");
        String authority = login("authority");
        String developer = login("developer");
        JsonNode useBefore = hrssUseThisMonth(authority);
        approveRule(operator, authority, "residents", "phone", "MASK_SHOW_LAST_N", Map.of("n", "4"));
        approveRule(operator, authority, "residents", "name", "MASK_SHOW_FIRST_N", Map.of("n", "1"));
        approveRule(operator, authority, "residents", "birth_date", "GENERALISE_AGE_BAND", Map.of("width", "10"));
        approveRule(operator, authority, "residents", "monthly_income", "NOISE_BOUNDED", Map.of());
        approveRule(operator, authority, "medical_visits", "visit_date", "GENERALISE_DATE", Map.of("level", "MONTH"));
        approveRule(operator, authority, "medical_visits", "cost", "KEEP_RAW_AGGREGATE_ONLY", Map.of());
        approveRule(operator, authority, "medical_visits", "icd10", "SUPPRESS", Map.of());
        // a rule written and submitted but never approved does not apply: address stays absent
        Api.Response pending = api.post("/api/v1/desensitization-rules", operator,
                rule("residents", "address", "MASK_REDACT", Map.of()));
        assertThat(api.post("/api/v1/desensitization-rules/" + pending.text("id") + "/submission", operator, null)
                .status()).isEqualTo(200);

        AgreementSummary agreement = agreement("普惠金融收入评估");
        UUID grant = grant(developer, operator, authority, agreement, "普惠金融收入评估", today().plusDays(90), false,
                false);
        UUID workspace = workspace(developer, grant);

        Api.Response shown = api.get("/api/v1/workspaces/" + workspace, developer);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        Map<String, Map<String, String>> treatments = treatments(shown.json());
        assertThat(treatments.get("residents")).containsEntry("id_number", "PERSON_PSEUDONYM")
                .containsEntry("name", "DESENSITIZED").containsEntry("phone", "DESENSITIZED")
                .containsEntry("birth_date", "DESENSITIZED").containsEntry("monthly_income", "DESENSITIZED")
                .containsEntry("gender", "CLEAR").containsEntry("region_code", "CLEAR").doesNotContainKey("address");
        assertThat(treatments.get("medical_visits")).containsEntry("id_number", "PERSON_PSEUDONYM")
                .containsEntry("visit_date", "DESENSITIZED").containsEntry("cost", "AGGREGATE_ONLY")
                .containsEntry("hospital", "CLEAR").doesNotContainKey("icd10");

        QueryableWorkspace opened = gateway.openForQuery(workspace, DEVELOPER);
        assertThat(opened.grantId()).isEqualTo(grant);
        assertThat(opened.databaseFile()).exists();
        WorkspaceTable residents = opened.tables().stream().filter(t -> t.name().equals("residents")).findFirst()
                .orElseThrow();
        assertThat(residents.personKeyColumn()).isEqualTo("id_number");
        assertThat(residents.rows()).isEqualTo(5_000);
        // one row per resident; several visits per patient: found when the workspace was materialised
        assertThat(residents.personUnique()).isTrue();
        assertThat(opened.tables()).filteredOn(t -> t.name().equals("medical_visits")).singleElement()
                .satisfies(t -> assertThat(t.personUnique()).isFalse());
        assertThat(residents.columns()).extracting(WorkspaceColumn::grade).allSatisfy(g -> assertThat(g).isBetween(1, 4));
        assertThat(residents.columns()).filteredOn(c -> c.grade() >= 3)
                .allSatisfy(c -> assertThat(c.treatment()).isNotEqualTo(ColumnTreatment.CLEAR));

        Map<String, String> raw = rawResident();
        try (Connection ws = attach(opened)) {
            for (String table : List.of("residents", "medical_visits")) {
                String all = everything(ws, table);
                assertThat(all).doesNotContain(raw.get("id_number"), raw.get("phone"));
                assertThat(all).doesNotContain("," + raw.get("name") + ",");
            }
            assertThat(single(ws, "select count(*) from residents where length(id_number) = 64")).isEqualTo("5000");
            assertThat(single(ws, "select count(*) from residents where phone not like '*******____'")).isEqualTo("0");
            assertThat(single(ws, "select count(*) from residents where birth_date not like '%-%'")).isEqualTo("0");
            // the same person's pseudonym joins residents and medical visits within the grant
            assertThat(single(ws, "select count(*) from medical_visits v join residents r on r.id_number = v.id_number"))
                    .isEqualTo(single(ws, "select count(*) from medical_visits"));
            assertThat(Long.parseLong(single(ws, "select count(*) from medical_visits"))).isPositive();
        }

        // a second grant pseudonymises the same persons differently: no link across grants
        AgreementSummary second = agreement("区域医疗资源配置分析");
        UUID otherGrant = grant(developer, operator, authority, second, "区域医疗资源配置分析", today().plusDays(30),
                false, false);
        UUID otherWorkspace = workspace(developer, otherGrant);
        Set<String> first = pseudonyms(gateway.openForQuery(workspace, DEVELOPER));
        Set<String> other = pseudonyms(gateway.openForQuery(otherWorkspace, DEVELOPER));
        assertThat(first).hasSize(5_000);
        assertThat(other).hasSize(5_000).doesNotContainAnyElementsOf(first);

        // use is metered per party (SY-17)
        gateway.meter(workspace, Duration.ofMillis(1500), 2048);
        Api.Response usage = api.get("/api/v1/workspaces/" + workspace + "/usage", developer);
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.json().get(0).path("elapsedMs").asLong()).isEqualTo(1500);
        assertThat(usage.json().get(0).path("partyOrganizationId").asString())
                .isEqualTo(DemoOrganizations.DEVELOPER.toString());

        // the source unit's contribution counts this use of its data (TZ-19): two grants over its residents
        // and medical visits, two workspaces prepared with 2 × 5,000 residents and their visits, one query
        JsonNode useAfter = hrssUseThisMonth(authority);
        assertThat(useAfter.path("grantsIssued").asLong() - useBefore.path("grantsIssued").asLong()).isEqualTo(2);
        assertThat(useAfter.path("grantsInForce").asLong() - useBefore.path("grantsInForce").asLong()).isEqualTo(2);
        assertThat(useAfter.path("workspacesPrepared").asLong() - useBefore.path("workspacesPrepared").asLong())
                .isEqualTo(2);
        assertThat(useAfter.path("rowsServed").asLong() - useBefore.path("rowsServed").asLong())
                .isGreaterThanOrEqualTo(10_000);
        assertThat(useAfter.path("queries").asLong() - useBefore.path("queries").asLong()).isEqualTo(1);

        // another organization cannot open it
        Actor consumer = new Actor(null, "consumer", DemoOrganizations.BANK, List.of("DEVELOPER"), null);
        assertThatThrownBy(() -> gateway.openForQuery(workspace, consumer)).isInstanceOf(ProblemException.class);
        assertThat(api.get("/api/v1/workspaces/" + workspace, operator).status()).isEqualTo(403);
    }

    @Test
    void revokingTheAgreementRefusesTheNextCallNamingTheRule() throws Exception {
        String operator = login("operator");
        String authority = login("authority");
        String developer = login("developer");
        AgreementSummary agreement = agreement("企业经营状况核验");
        UUID grant = grant(developer, operator, authority, agreement, "企业经营状况核验", today().plusDays(60), false,
                false, "enterprises");
        UUID workspace = workspace(developer, grant);
        assertThat(gateway.openForQuery(workspace, DEVELOPER).tables()).hasSize(1);
        WorkspaceTable enterprises = gateway.openForQuery(workspace, DEVELOPER).tables().get(0);
        assertThat(enterprises.personKeyColumn()).isEqualTo("legal_person_id");
        assertThat(enterprises.columns()).filteredOn(c -> c.name().equals("legal_person_id"))
                .extracting(WorkspaceColumn::treatment).containsExactly(ColumnTreatment.PERSON_PSEUDONYM);

        Api.Response revoked = api.post("/api/v1/agreements/" + agreement.id() + "/revocation", operator,
                Map.of("cause", "BREACH", "reason", "违反协议约定"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        Api.Response refused = api.get("/api/v1/workspaces/" + workspace, login("developer"));
        // the grant ended with the rule the revocation applied (TZ-27 exit for breach; TZ-11 if seen only at use)
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isIn("TZ-11", "TZ-27");
        assertThatThrownBy(() -> gateway.openForQuery(workspace, DEVELOPER)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).rule().id()).isIn("TZ-11", "TZ-27"));
        Api.Response sealed = api.get("/api/v1/workspaces/" + workspace + "/oversight", operator);
        assertThat(sealed.text("state")).isEqualTo("SEALED");
        assertThat(api.get("/api/v1/grants/" + grant, login("developer")).text("state")).isEqualTo("ENDED");
    }

    @Test
    void theEndOfTheTermRefusesTheNextCall() throws Exception {
        String operator = login("operator");
        String authority = login("authority");
        String developer = login("developer");
        AgreementSummary agreement = agreement("社保缴费稳定性评估");
        UUID grant = grant(developer, operator, authority, agreement, "社保缴费稳定性评估", today().plusDays(2), false,
                false, "social_insurance");
        UUID workspace = workspace(developer, grant);
        assertThat(api.get("/api/v1/workspaces/" + workspace, developer).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(3));
        try {
            Api.Response refused = api.get("/api/v1/workspaces/" + workspace, login("developer"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.text("rule")).isEqualTo("TZ-11");
            assertThat(refused.text("code")).isEqualTo("workspace.grant.term-ended");
            assertThatThrownBy(() -> gateway.openForQuery(workspace, DEVELOPER)).isInstanceOf(ProblemException.class);
        } finally {
            // back to the present, so that second factors (computed on the real clock) match again
            clock.advance(Duration.ofDays(-3));
        }
        assertThat(api.get("/api/v1/grants/" + grant, developer).text("state")).isEqualTo("ENDED");
    }

    @Test
    void withdrawingAConsentRefusesTheWorkspaceUntilItIsPreparedWithoutThePerson() throws Exception {
        String operator = login("operator");
        String authority = login("authority");
        String developer = login("developer");
        String scenario = "居民健康服务-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = residentIds(12);
        StringBuilder csv = new StringBuilder("id_number,scenario,action,channel,at\n");
        ids.forEach(id -> csv.append(id).append(',').append(scenario).append(",GIVE,APP,\n"));
        Api.Response imported = api.multipart("/api/v1/consents/imports", operator, "consents.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().path("given").asInt()).isEqualTo(12);
        // a consent covering two scenarios at once is bundled and refused
        Api.Response bundled = api.post("/api/v1/consents", operator, Map.of("idNumber", ids.get(0), "scenarios",
                List.of(scenario, "另一个场景"), "channel", "APP"));
        assertThat(bundled.status()).isEqualTo(422);
        assertThat(bundled.text("rule")).isEqualTo("NJ-16");
        assertThat(api.get("/api/v1/consents?scenario=" + java.net.URLEncoder.encode(scenario, StandardCharsets.UTF_8),
                operator).body()).doesNotContain(ids.get(0));

        AgreementSummary agreement = agreement(scenario);
        UUID grant = grant(developer, operator, authority, agreement, scenario, today().plusDays(30), false, true,
                "residents");
        UUID workspace = workspace(developer, grant);
        assertThat(gateway.openForQuery(workspace, DEVELOPER).tables().get(0).rows()).isEqualTo(12);
        assertThat(api.get("/api/v1/workspaces/" + workspace, developer).json().path("personsExcluded").asLong())
                .isEqualTo(5_000 - 12);

        Api.Response withdrawn = api.post("/api/v1/consents/withdrawals", operator,
                Map.of("idNumber", ids.get(3), "scenario", scenario, "channel", "PHONE"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        Api.Response refused = api.get("/api/v1/workspaces/" + workspace, developer);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("NJ-16");
        assertThatThrownBy(() -> gateway.openForQuery(workspace, DEVELOPER)).isInstanceOf(ProblemException.class);

        assertThat(api.post("/api/v1/workspaces/" + workspace + "/refresh", developer, null).status()).isEqualTo(202);
        awaitActive(developer, workspace);
        assertThat(gateway.openForQuery(workspace, DEVELOPER).tables().get(0).rows()).isEqualTo(11);
    }

    @Test
    void sealingFreezesAndDestructionDeletesVerifiablyWithACertificate() throws Exception {
        String operator = login("operator");
        String authority = login("authority");
        String developer = login("developer");
        AgreementSummary agreement = agreement("医疗费用统计");
        UUID grant = grant(developer, operator, authority, agreement, "医疗费用统计", today().plusDays(30), false, false,
                "medical_visits");
        UUID workspace = workspace(developer, grant);
        var file = gateway.openForQuery(workspace, DEVELOPER).databaseFile();
        Api.Response query = api.post("/api/v1/workspaces/" + workspace + "/queries", developer,
                Map.of("sql", "select count(*) as visits from medical_visits"));
        assertThat(query.status()).as(query.body()).isEqualTo(201);
        String queryId = query.text("id");
        String resultSm3 = jdbc.sql("select result_sm3 from dataspace_gate_result where query_id = ?")
                .param(UUID.fromString(queryId)).query(String.class).single();
        assertThat(api.post("/api/v1/workspaces/" + workspace + "/seal", developer, Map.of("reason", "x")).status())
                .isEqualTo(403);
        Api.Response sealed = api.post("/api/v1/workspaces/" + workspace + "/seal", operator,
                Map.of("reason", "项目暂停"));
        assertThat(sealed.status()).as(sealed.body()).isEqualTo(200);
        Api.Response refused = api.get("/api/v1/workspaces/" + workspace, developer);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("workspace.sealed");
        assertThat(refused.text("rule")).isEqualTo("TZ-12");

        String sm3 = org.pdao.shared.crypto.Sm3.hex(Files.readAllBytes(file));
        Api.Response destroyed = api.post("/api/v1/workspaces/" + workspace + "/destruction", authority,
                Map.of("reason", "协议终止,数据销毁"));
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        assertThat(destroyed.text("fileSm3")).isEqualTo(sm3);
        assertThat(destroyed.json().path("verifiedGone").asBoolean()).isTrue();
        assertThat(destroyed.json().path("auditSequence").asLong()).isPositive();
        assertThat(destroyed.json().path("resultsDestroyed").asInt()).isEqualTo(1);
        assertThat(file).doesNotExist();
        // the workspace's results go with it: content and key erased, digest and history kept, nothing downloadable
        var result = jdbc.sql("select state, sealed_key, sealed_result, sealed_sql, result_sm3 from dataspace_gate_result "
                + "where query_id = ?").param(UUID.fromString(queryId)).query().singleRow();
        assertThat(result.get("state")).isEqualTo("DESTROYED");
        assertThat(List.of(result.get("sealed_key"), result.get("sealed_result"), result.get("sealed_sql")))
                .containsOnly("");
        assertThat(result.get("result_sm3")).isEqualTo(resultSm3);
        Api.Response download = api.get("/api/v1/workspaces/" + workspace + "/queries/" + queryId
                + "/download?format=csv", developer);
        assertThat(download.status()).isIn(410, 422);
        assertThat(api.get("/api/v1/workspaces/" + workspace, developer).text("code")).isEqualTo("workspace.destroyed");
        assertThat(api.post("/api/v1/workspaces/" + workspace + "/destruction", authority, Map.of("reason", "again"))
                .status()).isEqualTo(409);
    }

    @Test
    void requestsOutsideTheAgreementOrTheRulesAreRefused() {
        String operator = login("operator");
        String authority = login("authority");
        String developer = login("developer");
        AgreementSummary agreement = agreement("信用评估");
        Api.Response outside = api.post("/api/v1/data-requests", developer,
                request(agreement, "未约定的场景", today().plusDays(10), false, false, "residents"));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.text("rule")).isEqualTo("NJ-13");
        Api.Response tooLong = api.post("/api/v1/data-requests", developer,
                request(agreement, "信用评估", LocalDate.of(2029, 6, 1), false, false, "residents"));
        assertThat(tooLong.text("rule")).isEqualTo("TZ-11");
        Map<String, Object> unknownColumn = request(agreement, "信用评估", today().plusDays(10), false, false, "residents");
        unknownColumn.put("tables", List.of(Map.of("dataset", "residents", "columns", List.of("nope"))));
        assertThat(api.post("/api/v1/data-requests", developer, unknownColumn).status()).isEqualTo(400);

        // raw data needs the authority's, the source unit's and the data subjects' consent before filing
        Api.Response raw = api.post("/api/v1/data-requests", developer,
                request(agreement, "信用评估", today().plusDays(10), true, false, "social_insurance"));
        assertThat(raw.status()).as(raw.body()).isEqualTo(201);
        String id = raw.text("id");
        assertThat(api.post("/api/v1/data-requests/" + id + "/submission", developer, null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/data-requests/" + id + "/filing", authority, null).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/data-requests/" + id + "/operator-approval", developer, null).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/data-requests/" + id + "/operator-approval", operator, null).status())
                .isEqualTo(200);
        Api.Response unconsented = api.post("/api/v1/data-requests/" + id + "/filing", authority, null);
        assertThat(unconsented.status()).isEqualTo(422);
        assertThat(unconsented.text("rule")).isEqualTo("TZ-14");
        assertThat(api.post("/api/v1/data-requests/" + id + "/consents", authority, Map.of("party", "AUTHORITY"))
                .status()).isEqualTo(200);
        assertThat(api.post("/api/v1/data-requests/" + id + "/consents", operator, Map.of("party", "SOURCE_UNIT"))
                .status()).isEqualTo(403);
        Api.Response source = api.post("/api/v1/data-requests/" + id + "/consents", login("sourceunit"),
                Map.of("party", "SOURCE_UNIT"));
        assertThat(source.status()).as(source.body()).isEqualTo(200);
        Api.Response noSubjects = api.post("/api/v1/data-requests/" + id + "/filing", authority, null);
        assertThat(noSubjects.status()).isEqualTo(422);
        assertThat(noSubjects.text("rule")).isEqualTo("NJ-16");
        Api.Response rejected = api.post("/api/v1/data-requests/" + id + "/rejection", authority, Map.of());
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/data-requests/" + id + "/rejection", authority, Map.of("reason", "主体授权不足"))
                .text("state")).isEqualTo("REJECTED");
        assertThat(api.post("/api/v1/data-requests/" + id + "/filing", authority, null).status()).isEqualTo(409);
    }

    @Test
    void anOperatorsOwnRequestIsApprovedByTheAuthorityWithTheSourceUnit() throws Exception {
        String operator = login("operator");
        String authority = login("authority");
        AgreementSummary own = agreements.inForceFor(DemoOrganizations.OPERATOR).stream()
                .filter(a -> a.tier() == org.pdao.authorization.AgreementTier.OPERATOR)
                // other tests of the shared database sign short operator agreements: take the longest-running one
                .max(java.util.Comparator.comparing(AgreementSummary::validUntil)).orElseThrow();
        LocalDate until = java.util.Collections.min(List.of(today().plusDays(30), own.validUntil()));
        Map<String, Object> body = request(own, own.scenarios().get(0), until, false, false, "enterprises");
        Api.Response created = api.post("/api/v1/data-requests", operator, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("requesterKind")).isEqualTo("OPERATOR");
        String id = created.text("id");
        api.post("/api/v1/data-requests/" + id + "/submission", operator, null);
        // the operator does not approve its own request
        assertThat(api.post("/api/v1/data-requests/" + id + "/operator-approval", operator, null).status())
                .isEqualTo(422);
        Api.Response withoutSource = api.post("/api/v1/data-requests/" + id + "/authority-approval", authority, null);
        assertThat(withoutSource.status()).isEqualTo(422);
        assertThat(withoutSource.text("rule")).isEqualTo("SY-16");
        assertThat(api.post("/api/v1/data-requests/" + id + "/consents", login("sourceunit"),
                Map.of("party", "SOURCE_UNIT")).status()).isEqualTo(200);
        Api.Response approved = api.post("/api/v1/data-requests/" + id + "/authority-approval", authority, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("AUTHORITY_APPROVED");
        UUID grant = UUID.fromString(approved.text("grantId"));
        UUID workspace = workspace(operator, grant);
        Actor operatorActor = new Actor(null, "operator", DemoOrganizations.OPERATOR, List.of("OPERATOR"), null);
        assertThat(gateway.openForQuery(workspace, operatorActor).developerOrganizationId())
                .isEqualTo(DemoOrganizations.OPERATOR);
        assertThatThrownBy(() -> gateway.openForQuery(workspace, DEVELOPER)).isInstanceOf(ProblemException.class);
    }

    @Test
    void onlyTheZoneOperatorWritesAndOnlyTheAuthorityApprovesRules() {
        String operator = login("operator");
        String authority = login("authority");
        Api.Response bad = api.post("/api/v1/desensitization-rules", operator,
                rule("residents", "phone", "GENERALISE_AGE_BAND", Map.of()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(api.post("/api/v1/desensitization-rules", operator,
                rule("residents", "phone", "MASK_SHOW_LAST_N", Map.of("n", "x"))).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/desensitization-rules", authority,
                rule("residents", "phone", "MASK_SHOW_LAST_N", Map.of())).status()).isEqualTo(403);
        Api.Response draft = api.post("/api/v1/desensitization-rules", operator,
                rule("residents", "address", "MASK_REDACT", Map.of()));
        assertThat(draft.status()).isEqualTo(201);
        String id = draft.text("id");
        assertThat(api.post("/api/v1/desensitization-rules/" + id + "/approval", authority, null).status())
                .isEqualTo(409);
        api.post("/api/v1/desensitization-rules/" + id + "/submission", operator, null);
        assertThat(api.post("/api/v1/desensitization-rules/" + id + "/approval", operator, null).status())
                .isEqualTo(403);
        Api.Response rejected = api.post("/api/v1/desensitization-rules/" + id + "/rejection", authority,
                Map.of("reason", "地址应整列隐去"));
        assertThat(rejected.text("state")).isEqualTo("REJECTED");
        assertThat(rejected.text("decidedBy")).isEqualTo("authority");
    }

    // --- helpers

    private void approveRule(String operator, String authority, String dataset, String column, String method,
            Map<String, String> params) {
        Api.Response written = api.post("/api/v1/desensitization-rules", operator, rule(dataset, column, method, params));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        String id = written.text("id");
        assertThat(api.post("/api/v1/desensitization-rules/" + id + "/submission", operator, null).status())
                .isEqualTo(200);
        Api.Response approved = api.post("/api/v1/desensitization-rules/" + id + "/approval", authority, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("APPROVED");
    }

    private Map<String, Object> rule(String dataset, String column, String method, Map<String, String> params) {
        return Map.of("zoneId", zone().id(), "dataset", dataset, "column", column, "method", method, "params", params);
    }

    private Map<String, Object> request(AgreementSummary agreement, String scenario, LocalDate until, boolean raw,
            boolean consent, String... tables) {
        List<String> names = tables.length == 0 ? List.of("residents", "medical_visits") : List.of(tables);
        List<Map<String, Object>> requested = new ArrayList<>();
        for (String name : names) {
            requested.add(Map.of("dataset", name, "columns", columnsOf(name)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zoneId", zone().id());
        body.put("agreementId", agreement.id());
        body.put("scenario", scenario);
        body.put("scenarioDescription", "评估小微企业主的收入稳定性,用于普惠贷款授信");
        body.put("feasibility", "社保与就诊数据覆盖全市参保人,按月更新");
        body.put("value", "降低授信成本,扩大普惠金融覆盖面");
        body.put("purpose", "建立收入稳定性评分模型");
        body.put("validFrom", today().toString());
        body.put("validUntil", until.toString());
        body.put("rawData", raw);
        body.put("consentRequired", consent);
        body.put("tables", requested);
        return body;
    }

    private List<String> columnsOf(String dataset) {
        return new ArrayList<>(datasets.dataset(zone().id(), dataset).orElseThrow().grades().keySet());
    }

    private UUID grant(String developer, String operator, String authority, AgreementSummary agreement, String scenario,
            LocalDate until, boolean raw, boolean consent, String... tables) {
        Api.Response created = api.post("/api/v1/data-requests", developer,
                request(agreement, scenario, until, raw, consent, tables));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("state")).isEqualTo("DRAFT");
        String id = created.text("id");
        assertThat(api.post("/api/v1/data-requests/" + id + "/submission", developer, null).text("state"))
                .isEqualTo("SUBMITTED");
        Api.Response approved = api.post("/api/v1/data-requests/" + id + "/operator-approval", operator, null);
        assertThat(approved.text("state")).as(approved.body()).isEqualTo("OPERATOR_APPROVED");
        Api.Response filed = api.post("/api/v1/data-requests/" + id + "/filing", authority, null);
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.text("state")).isEqualTo("FILED");
        return UUID.fromString(filed.text("grantId"));
    }

    private UUID workspace(String developer, UUID grant) throws InterruptedException {
        Api.Response created = api.post("/api/v1/workspaces", developer, Map.of("grantId", grant));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        UUID id = UUID.fromString(created.text("id"));
        assertThat(api.post("/api/v1/workspaces", developer, Map.of("grantId", grant)).status()).isEqualTo(409);
        awaitActive(developer, id);
        return id;
    }

    /** This month's use of the demo source unit's data in its contribution assessment, as the authority sees it. */
    private JsonNode hrssUseThisMonth(String authority) {
        String month = java.time.YearMonth.from(today()).toString();
        Api.Response r = api.get("/api/v1/supervision/contributions/" + DemoOrganizations.HRSS_SOURCE_UNIT + "?from="
                + month + "&to=" + month, authority);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("months").get(0).path("use");
    }

    private void awaitActive(String developer, UUID id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Api.Response shown = api.get("/api/v1/workspaces/" + id, developer);
            String state = shown.text("state");
            assertThat(state).as(shown.body()).isNotIn("FAILED");
            if (state.equals("ACTIVE")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workspace not prepared in time");
    }

    private static Map<String, Map<String, String>> treatments(JsonNode view) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (JsonNode table : view.path("tables")) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (JsonNode column : table.path("columns")) {
                columns.put(column.path("name").asString(), column.path("treatment").asString());
            }
            out.put(table.path("name").asString(), columns);
        }
        return out;
    }

    private Map<String, String> rawResident() throws Exception {
        List<String> columns = List.of("id_number", "name", "phone");
        Map<String, String> first = new LinkedHashMap<>();
        datasets.read(zone().id(), "residents", columns, values -> {
            if (first.isEmpty()) {
                for (int i = 0; i < columns.size(); i++) {
                    first.put(columns.get(i), values[i]);
                }
            }
        });
        return first;
    }

    private List<String> residentIds(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        datasets.read(zone().id(), "residents", List.of("id_number"), values -> {
            if (ids.size() < n) {
                ids.add(values[0]);
            }
        });
        return ids;
    }

    private static Connection attach(QueryableWorkspace workspace) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET force_mbedtls_unsafe = true");
            s.execute("ATTACH '" + workspace.databaseFile() + "' AS ws (ENCRYPTION_KEY '"
                    + HexFormat.of().formatHex(workspace.databaseKey()) + "', READ_ONLY)");
            s.execute("USE ws");
        }
        return connection;
    }

    private static String everything(Connection connection, String table) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select * from " + table)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    all.append(',').append(rs.getString(i));
                }
                all.append(",\n");
            }
        }
        return all.toString();
    }

    private static String single(Connection connection, String sql) throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Set<String> pseudonyms(QueryableWorkspace workspace) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection ws = attach(workspace); Statement s = ws.createStatement();
                ResultSet rs = s.executeQuery("select id_number from residents")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
