package org.pdao.supervision.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.pdao.catalog.CatalogSupply;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.Ruled;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The contribution assessment of a source unit (TZ-19: 从数据提供数量、数据质量、数据应用等维度), month by
 * month: quantity (resources and fields in the catalog at the month's end), quality (issues raised,
 * rectification tasks due and corrected on time, demands answered in time), use (development-catalog
 * entries published from its resources, demands delivered, sharing requests reviewed; grants over its
 * resources, workspaces prepared with its rows and queries run on them, from the data space's events).
 */
@Service
class ContributionAssessment {

    static final int MAX_MONTHS = 36;

    record Quantity(long resources, long fields) {}

    record Quality(long issues, long rectificationsDue, long rectificationsOnTime, long demandsAnswered,
            long demandsAnsweredInTime) {}

    /**
     * Use: development-catalog entries published, demands delivered, sharing requests reviewed (from the
     * catalog); grants issued over its resources in the month, grants in force and their distinct parties at
     * the month's end (today for the current month), workspaces prepared with its data and rows served into
     * them, governed queries run on workspaces holding its data (from the data space's {@code DataUse} events).
     */
    record Use(long publishedEntries, long demandsDelivered, long sharingReviewed, long sharingReviewedInTime,
            long grantsIssued, long grantsInForce, long grantees, long workspacesPrepared, long rowsServed,
            long queries) {}

    record Month(String month, Quantity quantity, Quality quality, Use use) {}

    record Series(UUID sourceUnitId, String sourceUnitName, String ruleId, String article, List<ListItem> dimensions,
            List<Month> months) {}

    private final CatalogSupply catalog;
    private final QualityIssues issues;
    private final OrganizationDirectory organizations;
    private final QualityRules rules;
    private final DataUseLedger use;

    ContributionAssessment(CatalogSupply catalog, QualityIssues issues, OrganizationDirectory organizations,
            QualityRules rules, DataUseLedger use) {
        this.use = use;
        this.catalog = catalog;
        this.issues = issues;
        this.organizations = organizations;
        this.rules = rules;
    }

    Series series(Actor actor, UUID unit, YearMonth from, YearMonth to, boolean chinese) {
        if (actor.hasRole(Role.SOURCE_UNIT.name()) && !unit.equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "supervision.contribution.own-unit-only", null);
        }
        if (to.isBefore(from) || from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw ProblemException.badRequest("supervision.contribution.bad-range", MAX_MONTHS);
        }
        OrganizationSummary org = organizations.find(unit).filter(o -> o.type() == OrganizationType.SOURCE_UNIT)
                .orElseThrow(() -> ProblemException.notFound("source unit", unit));
        Ruled<List<ListItem>> dimensions = rules.profile().items("source-unit.contribution.dimensions");
        RuleRef rule = dimensions.rule();
        List<Month> months = new ArrayList<>();
        LocalDate today = rules.today();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            LocalDate start = m.atDay(1);
            LocalDate end = m.atEndOfMonth();
            CatalogSupply.SupplyFigures f = catalog.figures(unit, start, end);
            long raised = issues.raised(unit, start.atStartOfDay(QualityRules.ZONE).toInstant(),
                    end.plusDays(1).atStartOfDay(QualityRules.ZONE).toInstant());
            long[] due = issues.tasksDue(unit, start, end);
            DataUseLedger.Figures u = use.figures(unit, start, end, end.isAfter(today) ? today : end);
            months.add(new Month(m.toString(), new Quantity(f.resources(), f.fields()),
                    new Quality(raised, due[0], due[1], f.demandsAnswered(), f.demandsAnsweredInTime()),
                    new Use(f.publishedEntries(), f.demandsDelivered(), f.sharingReviewed(),
                            f.sharingReviewedInTime(), u.grantsIssued(), u.grantsInForce(), u.grantees(),
                            u.workspacesPrepared(), u.rowsServed(), u.queries())));
        }
        return new Series(unit, org.name(), rule.id(), rule.article(chinese), dimensions.value(), months);
    }
}
