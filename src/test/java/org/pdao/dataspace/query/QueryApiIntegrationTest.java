package org.pdao.dataspace.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.corpus.RawWorkspace;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.dataspace.internal.query.WorkspaceGateway;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.Actor;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The governed query API end to end as the demo developer: request → approval → filing → grant → workspace, then
 * queries through {@code /api/v1/workspaces/{id}/queries}: released aggregates, refusals naming column and rule,
 * the dry run with lineage, the list and one query.
 */
class QueryApiIntegrationTest extends ApiTest {

    private static UUID workspace;

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    Clock clock;

    @Autowired
    WorkspaceGateway gateway;

    @BeforeEach
    void workspace() throws InterruptedException {
        if (workspace == null) {
            QueryFixture fixture = new QueryFixture(api, datasets, clock, this::login);
            workspace = fixture.workspace(fixture.grant("受控查询接口测试"));
        }
    }

    private Api.Response query(String sql) {
        return api.post("/api/v1/workspaces/" + workspace + "/queries", login("developer"), Map.of("sql", sql));
    }

    @Test
    void aGroupedCountGoesThroughTheGateWithPersonsCountedAndNoise() {
        Api.Response r = query("select gender, count(*) as n from residents group by gender order by gender");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.path("state").asString()).isIn("RELEASED", "PENDING_REVIEW");
        assertThat(body.path("columns").get(0).path("name").asString()).isEqualTo("gender");
        assertThat(body.path("columns").get(1).path("disclosure").asString()).isEqualTo("COUNT");
        assertThat(body.path("noise").path("applied").asBoolean()).isTrue();
        assertThat(body.path("noise").path("bound").asInt()).isPositive();
        assertThat(body.path("rowCount").asInt()).isEqualTo(2);
        if (body.path("state").asString().equals("RELEASED")) {
            assertThat(body.path("rows")).hasSize(2);
            long total = body.path("rows").get(0).get(1).asLong() + body.path("rows").get(1).get(1).asLong();
            // the workspace's own count (a shared database may hold more than the fixture's residents)
            long residents;
            try (RawWorkspace raw = new RawWorkspace(gateway.openForQuery(workspace, new Actor(null, "developer",
                    DemoOrganizations.DEVELOPER, List.of("DEVELOPER"), null)))) {
                residents = Long.parseLong(String.valueOf(raw.single("select count(*) from residents")));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            // per cell: the sticky noise (± bound) and the recipient watermark's variant of a noised count (± 1)
            int perCell = body.path("noise").path("bound").asInt() + 1;
            assertThat(total).isBetween(residents - 2L * perCell, residents + 2L * perCell);
        } else {
            assertThat(body.path("rows").isNull() || body.path("rows").isMissingNode() || body.path("rows").isEmpty())
                    .isTrue();
        }
        Api.Response one = api.get("/api/v1/workspaces/" + workspace + "/queries/" + body.path("id").asString(),
                login("developer"));
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.text("state")).isEqualTo(body.path("state").asString());
        Api.Response list = api.get("/api/v1/workspaces/" + workspace + "/queries?page=0&size=10", login("developer"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isPositive();
    }

    @Test
    void aPersonIdentifierInTheOutputIsRefusedNamingColumnAndRule() {
        Api.Response r = query("select id_number, gender from residents");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo("QUERY_REFUSED");
        assertThat(r.text("rule")).isEqualTo("NJ-16");
        assertThat(r.text("article")).contains("第十六条");
        JsonNode refusal = r.json().path("refusals").get(0);
        assertThat(refusal.path("column").asString()).isEqualTo("residents.id_number");
        assertThat(refusal.path("rule").asString()).isEqualTo("NJ-16");
        assertThat(refusal.path("reason").asString()).isNotBlank();
        assertThat(refusal.path("position").asInt()).isEqualTo(7);
        // refused queries are recorded too
        Api.Response list = api.get("/api/v1/workspaces/" + workspace + "/queries", login("developer"));
        assertThat(list.body()).contains("REFUSED");
    }

    @Test
    void hostileStatementsAreRefusedAndTheServiceAnswersTheNextQuery() {
        for (String sql : new String[] {"select * from read_csv('/etc/passwd')", "attach 'x.db' as x",
                "copy residents to '/tmp/x.csv'", "set enable_external_access = true", "select 1; select 2",
                "select * from duckdb_tables()", "select max(cost) from medical_visits",
                "select count(*) from medical_visits where cost > 123.45", "select * from query('select 1')"}) {
            Api.Response r = query(sql);
            assertThat(r.status()).as(sql + " -> " + r.body()).isEqualTo(422);
            assertThat(r.text("code")).isEqualTo("QUERY_REFUSED");
            assertThat(r.json().path("refusals").size()).as(sql).isPositive();
        }
        Api.Response ok = query("select hospital, count(distinct id_number) persons, avg(cost) from medical_visits "
                + "group by hospital");
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }

    @Test
    void theDryRunExplainsLineageWithoutExecuting() {
        Api.Response r = api.post("/api/v1/workspaces/" + workspace + "/queries/dry-run", login("developer"), Map.of(
                "sql", "select r.region_code, count(distinct v.id_number) persons, sum(v.cost) total from medical_visits v "
                        + "join residents r on r.id_number = v.id_number group by r.region_code"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("allowed").asBoolean()).isTrue();
        assertThat(body.path("release").asString()).isEqualTo("AUTOMATIC");
        assertThat(body.path("columns")).hasSize(3);
        JsonNode total = body.path("columns").get(2);
        assertThat(total.path("name").asString()).isEqualTo("total");
        assertThat(total.path("lineage").get(0).path("treatment").asString()).isEqualTo("AGGREGATE_ONLY");
        assertThat(total.path("lineage").get(0).path("via").asString()).contains("sum");
        assertThat(total.path("explanation").asString()).isNotBlank();

        Api.Response refused = api.post("/api/v1/workspaces/" + workspace + "/queries/dry-run", login("developer"),
                Map.of("sql", "select cost from medical_visits"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("allowed").asBoolean()).isFalse();
        assertThat(refused.json().path("refusals").get(0).path("column").asString()).isEqualTo("medical_visits.cost");
        assertThat(refused.json().path("refusals").get(0).path("rule").asString()).isEqualTo("NJ-14");
    }

    @Test
    void revokingTheAgreementRefusesTheNextQueryNamingTheRule() throws InterruptedException {
        QueryFixture fixture = new QueryFixture(api, datasets, clock, this::login);
        UUID enterprises = fixture.workspace(fixture.grant("受控查询撤销测试", "enterprises"));
        String developer = login("developer");
        Api.Response before = api.post("/api/v1/workspaces/" + enterprises + "/queries", developer,
                Map.of("sql", "select count(*) from enterprises"));
        assertThat(before.status()).as(before.body()).isEqualTo(201);
        Api.Response revoked = api.post("/api/v1/agreements/" + fixture.lastAgreement + "/revocation",
                login("operator"), Map.of("cause", "BREACH", "reason", "违反协议约定"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        developer = login("developer"); // revocation ends the party's sessions
        Api.Response after = api.post("/api/v1/workspaces/" + enterprises + "/queries", developer,
                Map.of("sql", "select count(*) from enterprises"));
        assertThat(after.status()).as(after.body()).isIn(403, 409, 422);
        assertThat(after.text("rule")).as(after.body()).isNotBlank();
        Api.Response dry = api.post("/api/v1/workspaces/" + enterprises + "/queries/dry-run", developer,
                Map.of("sql", "select count(*) from enterprises"));
        assertThat(dry.status()).as(dry.body()).isEqualTo(after.status());
    }

    @Test
    void anotherOrganizationCannotQueryTheWorkspace() {
        Api.Response r = api.post("/api/v1/workspaces/" + workspace + "/queries", login("operator"),
                Map.of("sql", "select count(*) from residents"));
        assertThat(r.status()).as(r.body()).isIn(403, 404);
    }
}
