package org.pdao.authorization.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.CreditListType;
import org.pdao.identity.OrganizationStanding;
import org.pdao.identity.OrganizationSummary;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.Ruled;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.shared.RuleRef;

/**
 * The admission conditions the platform can check itself from the organization's standing (TZ-7, SY-9,
 * NJ-8, JL-agreement): not on the profile's credit lists, no credit entry within the lookback, no
 * (publicly reported) security incident within the lookback, and the minimum MLPS level. Each check that
 * the profile has is reported, passed or failed, with its rule.
 */
final class AdmissionChecks {

    record Check(String key, boolean passed, RuleRef rule, String code, List<String> args) {
        Check {
            args = List.copyOf(args);
        }

        Decision decision() {
            return passed ? Decision.ALLOWED : Decision.refused(rule, code, args.toArray());
        }
    }

    private AdmissionChecks() {}

    static List<Check> run(JurisdictionProfile profile, OrganizationSummary organization,
            OrganizationStanding standing, LocalDate today) {
        List<Check> checks = new ArrayList<>();
        if (profile.has("admission.credit.lists")) {
            Ruled<List<ListItem>> lists = profile.items("admission.credit.lists");
            @Nullable ListItem hit = null;
            for (ListItem item : lists.value()) {
                Optional<CreditListType> type = AgreementPolicies.creditList(item.key());
                if (type.isPresent() && standing.listedOn(today).stream().anyMatch(e -> e.listType() == type.get())) {
                    hit = item;
                    break;
                }
            }
            checks.add(new Check("admission.credit.lists", hit == null, lists.rule(),
                    "authorization.admission.credit-listed", hit == null ? List.of() : List.of(hit.zh())));
        }
        if (profile.has("admission.credit.lookback")) {
            Ruled<TimeLimit> lookback = profile.timeLimit("admission.credit.lookback");
            LocalDate since = since(today, lookback.value());
            boolean recent = standing.creditEntries().stream()
                    .anyMatch(e -> e.removedOn() == null || !e.removedOn().isBefore(since));
            checks.add(new Check("admission.credit.lookback", !recent, lookback.rule(),
                    "authorization.admission.credit-recent", List.of(String.valueOf(lookback.value().amount()))));
        }
        if (profile.has("admission.incident.lookback")) {
            Ruled<TimeLimit> lookback = profile.timeLimit("admission.incident.lookback");
            LocalDate since = since(today, lookback.value());
            boolean publicOnly = !profile.has("admission.incident.publicly-reported-only")
                    || profile.flag("admission.incident.publicly-reported-only").value();
            boolean incident = standing.incidents().stream().anyMatch(i -> !i.occurredOn().isBefore(since)
                    && !i.occurredOn().isAfter(today) && (!publicOnly || i.publiclyReported()));
            checks.add(new Check("admission.incident.lookback", !incident, lookback.rule(),
                    publicOnly ? "authorization.admission.incident-reported" : "authorization.admission.incident-recent",
                    List.of(String.valueOf(lookback.value().amount()))));
        }
        if (profile.has("admission.mlps.level.min")) {
            Ruled<Long> min = profile.count("admission.mlps.level.min");
            Integer level = organization.mlpsLevel();
            checks.add(new Check("admission.mlps.level.min", level != null && level >= min.value(), min.rule(),
                    "authorization.admission.mlps-below", List.of(String.valueOf(min.value()))));
        }
        return checks;
    }

    /** The first failed check as a refusal, or allowed. */
    static Decision verdict(List<Check> checks) {
        return checks.stream().filter(c -> !c.passed()).findFirst().map(Check::decision).orElse(Decision.ALLOWED);
    }

    private static LocalDate since(LocalDate today, TimeLimit limit) {
        return switch (limit.unit()) {
            case YEARS -> today.minusYears(limit.amount());
            case MONTHS -> today.minusMonths(limit.amount());
            case CALENDAR_DAYS, WORKING_DAYS -> today.minusDays(limit.amount());
        };
    }
}
