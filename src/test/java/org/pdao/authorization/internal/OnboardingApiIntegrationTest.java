package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdao.identity.DemoOrganizations;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.crypto.Sm3;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Developer onboarding (TZ-9) through HTTP: materials checked by content and stored encrypted, admission
 * checks, the operator's decision within 5 working days, reasons for a rejection, filing with the
 * authority, and overdue steps published as {@code DeadlineOverdue}.
 */
@Import(AuthorizationTestConfiguration.class)
class OnboardingApiIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    AuthorizationTestConfiguration.OverdueEvents overdue;

    @Autowired
    DeveloperOnboarding onboarding;

    private AuthorizationFixtures fixtures() {
        return new AuthorizationFixtures(api, login("sysadmin"));
    }

    @Test
    void developerAppliesWithMaterialsAndTheOperatorApprovesAndFilesWithTheAuthority() {
        AuthorizationFixtures fx = fixtures();
        AuthorizationFixtures.Developer dev = fx.developer();
        String id = fx.apply(dev);

        Api.Response exe = fx.upload(dev, id, "APPLICATION_FORM", "MZ\u0090\u0000binary".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.text("code")).isEqualTo("authorization.material.type-refused");
        Api.Response unknownKind = fx.upload(dev, id, "PHOTO", DemoDocuments.pdf("x"));
        assertThat(unknownKind.status()).isEqualTo(400);

        byte[] form = DemoDocuments.pdf("申请表");
        Api.Response uploaded = fx.upload(dev, id, "APPLICATION_FORM", form);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.text("contentType")).isEqualTo("application/pdf");
        assertThat(uploaded.text("contentSm3")).isEqualTo(Sm3.hex(form));

        Api.Response incomplete = api.post("/api/v1/onboarding-applications/" + id + "/submission", dev.token(), null);
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.text("rule")).isEqualTo("TZ-9");
        assertThat(incomplete.text("code")).isEqualTo("authorization.onboarding.materials-missing");
        assertThat(incomplete.text("detail")).contains("AUDIT_REPORT");

        for (String kind : AuthorizationFixtures.MATERIALS.subList(1, 4)) {
            assertThat(fx.upload(dev, id, kind, DemoDocuments.pdf(kind)).status()).isEqualTo(201);
        }
        Api.Response submitted = api.post("/api/v1/onboarding-applications/" + id + "/submission", dev.token(), null);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.text("state")).isEqualTo("SUBMITTED");
        LocalDate today = today();
        assertThat(submitted.text("decisionDue")).isEqualTo(calendar.addWorkingDays(today, 5).toString());
        assertThat(submitted.json().path("admissionChecks").findValuesAsString("rule")).contains("TZ-7");

        String materialId = submitted.json().path("materials").get(0).path("id").asString();
        var asApplicant = api.download("/api/v1/materials/" + materialId, dev.token());
        assertThat(asApplicant.getKey()).isEqualTo(200);
        assertThat(asApplicant.getValue()).isEqualTo(form);
        String operator = login("operator");
        assertThat(api.download("/api/v1/materials/" + materialId, operator).getKey()).isEqualTo(200);
        assertThat(api.download("/api/v1/materials/" + materialId, fx.developer().token()).getKey()).isEqualTo(404);
        assertThat(api.download("/api/v1/materials/" + materialId, login("expert")).getKey()).isEqualTo(404);

        Api.Response approved = api.post("/api/v1/onboarding-applications/" + id + "/approval", operator,
                Map.of("reason", "符合准入条件"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("APPROVED");
        assertThat(approved.text("filingDue")).isEqualTo(calendar.addWorkingDays(today, 5).toString());
        Api.Response filed = api.post("/api/v1/onboarding-applications/" + id + "/filing", operator, Map.of());
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        assertThat(filed.text("state")).isEqualTo("FILED");
        assertThat(filed.text("filedWithOrganizationId")).isEqualTo(DemoOrganizations.CITY_AUTHORITY.toString());
        assertThat(api.get("/api/v1/onboarding-applications/" + id, login("authority")).status()).isEqualTo(200);
        // the same filing as a filing record the authority receipts (TZ-9, due 5 working days after approval)
        JsonNode record = api.get("/api/v1/filings?subjectType=onboarding-application&subjectId=" + id,
                login("authority")).json().path("items").get(0);
        assertThat(record.path("state").asString()).isEqualTo("FILED");
        assertThat(record.path("rule").asString()).isEqualTo("TZ-9");
        assertThat(record.path("dueOn").asString()).isEqualTo(calendar.addWorkingDays(today, 5).toString());
        assertThat(record.path("filedWithOrganizationId").asString())
                .isEqualTo(DemoOrganizations.CITY_AUTHORITY.toString());
        Api.Response receipt = api.post("/api/v1/filings/" + record.path("id").asString() + "/receipt",
                login("authority"), Map.of("receiptNumber", "泰数备〔2026〕9号"));
        assertThat(receipt.text("state")).as(receipt.body()).isEqualTo("RECEIVED");
        Api.Response history = api.get("/api/v1/onboarding-applications/" + id + "/history", dev.token());
        assertThat(history.json().path("items").findValuesAsString("to"))
                .containsExactly("DRAFT", "SUBMITTED", "APPROVED", "FILED");
    }

    @Test
    void aRejectionMustStateItsReasonsToTheApplicant() {
        AuthorizationFixtures fx = fixtures();
        AuthorizationFixtures.Developer dev = fx.developer();
        String id = fx.submitted(dev);
        String operator = login("operator");
        Api.Response bare = api.post("/api/v1/onboarding-applications/" + id + "/rejection", operator, Map.of());
        assertThat(bare.status()).isEqualTo(422);
        assertThat(bare.text("rule")).isEqualTo("TZ-9");
        assertThat(bare.text("code")).isEqualTo("authorization.onboarding.reasons-required");
        assertThat(api.get("/api/v1/onboarding-applications/" + id, dev.token()).text("state")).isEqualTo("SUBMITTED");

        Api.Response rejected = api.post("/api/v1/onboarding-applications/" + id + "/rejection", operator,
                Map.of("reasons", "安全风险自评报告未覆盖数据出境风险"));
        assertThat(rejected.text("state")).isEqualTo("REJECTED");
        Api.Response seen = api.get("/api/v1/onboarding-applications/" + id, dev.token());
        assertThat(seen.text("decisionReason")).isEqualTo("安全风险自评报告未覆盖数据出境风险");
        Api.Response again = api.post("/api/v1/onboarding-applications/" + id + "/approval", operator, Map.of());
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void onlyTheOperatorAppliedToDecidesAndAListedDeveloperCannotSubmit() {
        AuthorizationFixtures fx = fixtures();
        AuthorizationFixtures.Developer dev = fx.developer();
        String id = fx.submitted(dev);
        String otherOperator = fx.user(fx.organization("OPERATOR"), "OPERATOR");
        Api.Response foreign = api.post("/api/v1/onboarding-applications/" + id + "/approval", otherOperator, Map.of());
        assertThat(foreign.status()).isEqualTo(404);
        Api.Response byApplicant = api.post("/api/v1/onboarding-applications/" + id + "/approval", dev.token(), Map.of());
        assertThat(byApplicant.status()).isEqualTo(403);

        AuthorizationFixtures.Developer listed = fx.developer();
        String draft = fx.apply(listed);
        for (String kind : AuthorizationFixtures.MATERIALS) {
            fx.upload(listed, draft, kind, DemoDocuments.pdf(kind));
        }
        api.post("/api/v1/organizations/" + listed.orgId() + "/credit-entries", login("authority"),
                Map.of("listType", "MAJOR_TAX_VIOLATION", "source", "国家税务总局", "listedOn",
                        today().minusDays(3).toString()));
        Api.Response refused = api.post("/api/v1/onboarding-applications/" + draft + "/submission", listed.token(), null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("TZ-7");
        assertThat(refused.text("code")).isEqualTo("authorization.admission.credit-listed");
        assertThat(api.get("/api/v1/onboarding-applications/" + draft, listed.token()).text("state")).isEqualTo("DRAFT");
    }

    @Test
    void aDecisionAfterTheDeadlineIsRefusedUnlessItsLatenessIsExplainedAndTheOverdueStepIsPublishedOnce() {
        AuthorizationFixtures fx = fixtures();
        AuthorizationFixtures.Developer dev = fx.developer();
        String id = fx.submitted(dev);
        LocalDate due = LocalDate.parse(api.get("/api/v1/onboarding-applications/" + id, dev.token())
                .text("decisionDue"));
        Duration moved = Duration.ZERO;
        while (!today().isAfter(due)) {
            clock.advance(Duration.ofDays(1));
            moved = moved.plusDays(1);
        }
        try {
            decideLate(id, due);
        } finally {
            clock.advance(moved.negated());
        }
    }

    /** Time has passed the decision deadline; only accounts without a second factor sign in meanwhile. */
    private void decideLate(String id, LocalDate due) {
        String operator = login("operator");
        Api.Response late = api.post("/api/v1/onboarding-applications/" + id + "/approval", operator,
                Map.of("reason", "同意"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("rule")).isEqualTo("TZ-9");
        assertThat(late.text("code")).isEqualTo("authorization.onboarding.decision-late");
        assertThat(late.text("article")).contains("第九条");
        assertThat(api.get("/api/v1/onboarding-applications/" + id, operator).json().path("overdue").asBoolean())
                .isTrue();

        onboarding.publishOverdue();
        onboarding.publishOverdue();
        assertThat(overdue.of(id)).singleElement().satisfies(e -> {
            assertThat(e.ruleId()).isEqualTo("TZ-9");
            assertThat(e.subjectType()).isEqualTo("onboarding-decision");
            assertThat(e.responsibleOrganizationId()).isEqualTo(DemoOrganizations.OPERATOR);
            assertThat(e.supervisingOrganizationId()).isEqualTo(DemoOrganizations.CITY_AUTHORITY);
            assertThat(e.dueOn()).isEqualTo(due);
        });

        Api.Response explained = api.post("/api/v1/onboarding-applications/" + id + "/approval", operator,
                Map.of("reason", "同意", "lateReason", "补充核验审计报告"));
        assertThat(explained.status()).as(explained.body()).isEqualTo(200);
        assertThat(explained.text("decisionLateReason")).isEqualTo("补充核验审计报告");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }
}
