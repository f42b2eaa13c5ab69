package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.support.Api;
import org.pdao.support.TestData;
import tools.jackson.databind.JsonNode;

/** Implementation plans and filings through the API (JL-plan), shared by the JL tests. */
final class PlanFlow {

    private final Api api;
    private final String sysadmin;

    PlanFlow(Api api, String sysadminToken) {
        this.api = api;
        this.sysadmin = sysadminToken;
    }

    /** A data authority of the level, under {@code parent}. */
    UUID authority(String level, @Nullable UUID parent) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "测试数据局" + TestData.username("a"), "uscc",
                TestData.uscc(), "type", "AUTHORITY", "authorityLevel", level));
        if (parent != null) {
            body.put("parentId", parent.toString());
        }
        Api.Response org = api.post("/api/v1/organizations", sysadmin, body);
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        return UUID.fromString(org.text("id"));
    }

    /** The sections the profile requires, all written, optionally leaving one out. */
    List<Map<String, String>> sections(String token, @Nullable String leaveOut) {
        List<Map<String, String>> sections = new ArrayList<>();
        for (JsonNode entry : api.get("/api/v1/jurisdictions/active", token).json().path("entries")) {
            if (entry.path("key").asString().equals("plan.contents.required")) {
                entry.path("value").forEach(i -> {
                    if (!i.path("key").asString().equals(leaveOut)) {
                        sections.add(Map.of("key", i.path("key").asString(), "title", i.path("zh").asString(),
                                "body", "关于" + i.path("zh").asString() + "的安排。"));
                    }
                });
            }
        }
        assertThat(sections).isNotEmpty();
        return sections;
    }

    Api.Response draft(String token, String model, @Nullable UUID authority, List<Map<String, String>> sections) {
        Map<String, @Nullable Object> body = new HashMap<>();
        body.put("title", "公共数据资源授权运营实施方案");
        body.put("model", model);
        body.put("domain", model.equals("PER_DOMAIN") ? "医疗健康" : null);
        body.put("scenarios", List.of("普惠金融企业经营状况评估"));
        body.put("authorityOrganizationId", authority == null ? null : authority.toString());
        body.put("sections", sections);
        return api.post("/api/v1/plans", token, body);
    }

    Api.Response approve(String token, String planId, String level) {
        return api.post("/api/v1/plans/" + planId + "/approval", token, Map.of("governmentLevel", level,
                "governmentReference", "政府常务会议纪要〔2026〕12号", "collectiveDecision", "“三重一大”集体决策 2026-08"));
    }

    /** Drafts with every required section, submits and approves (the approver is the authority of the level). */
    String approvedPlan(String drafterToken, String approverToken, String model, @Nullable UUID authority,
            String level) {
        Api.Response d = draft(drafterToken, model, authority, sections(drafterToken, null));
        assertThat(d.status()).as(d.body()).isEqualTo(201);
        String id = d.text("id");
        Api.Response s = api.post("/api/v1/plans/" + id + "/submission", drafterToken, null);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        Api.Response a = approve(approverToken, id, level);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return id;
    }

    /** The filing steps of a subject, oldest first. */
    List<JsonNode> filings(String token, String subjectType, String subjectId) {
        Api.Response r = api.get("/api/v1/filings?subjectType=" + subjectType + "&subjectId=" + subjectId, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        r.json().path("items").forEach(items::add);
        java.util.Collections.reverse(items);
        return items;
    }

    JsonNode step(String token, String subjectType, String subjectId, String state) {
        return filings(token, subjectType, subjectId).stream().filter(f -> f.path("state").asString().equals(state))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + state + " filing of " + subjectId
                        + ": " + filings(token, subjectType, subjectId)));
    }
}
