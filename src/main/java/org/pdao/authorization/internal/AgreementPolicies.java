package org.pdao.authorization.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pdao.authorization.AgreementTier;
import org.pdao.identity.CreditListType;
import org.pdao.identity.OrganizationStanding;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.Ruled;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.shared.RuleRef;

/**
 * The regulation checks on an agreement, each a small named policy answering a {@link Decision} that
 * names its rule. Numbers and lists come from the agreement's jurisdiction profile.
 */
final class AgreementPolicies {

    /** The grantor types that may authorize an operator (TZ-6, SY-5, NJ-11, JL-agreement). */
    static final Set<OrganizationType> OPERATOR_GRANTORS = Set.of(OrganizationType.AUTHORITY,
            OrganizationType.INDUSTRY_REGULATOR, OrganizationType.SOURCE_UNIT, OrganizationType.IMPLEMENTING_AGENCY);

    /** Profile list keys that name a credit list differently from {@link CreditListType}. */
    private static final Map<String, CreditListType> CREDIT_ALIASES =
            Map.of("CREDIT_CHINA_SERIOUS", CreditListType.SERIOUS_DISHONESTY);

    private AgreementPolicies() {}

    /**
     * The term (inclusive of both days) is within the profile's cap, and equals it where the profile fixes
     * it (SY-10 "有效期为2年"). See {@link #lastDay} for the day a term of N years ends.
     */
    static Decision termWithinCap(JurisdictionProfile profile, LocalDate from, LocalDate until) {
        if (profile.has("agreement.term.exact")) {
            Ruled<TimeLimit> exact = profile.timeLimit("agreement.term.exact");
            LocalDate end = lastDay(from, exact.value());
            if (!until.equals(end)) {
                return Decision.refused(exact.rule(), "authorization.agreement.term-not-exact."
                        + exact.value().unit().name(), exact.value().amount(), end.toString());
            }
        }
        if (profile.has("agreement.term.max")) {
            Ruled<TimeLimit> max = profile.timeLimit("agreement.term.max");
            LocalDate latest = lastDay(from, max.value());
            if (until.isAfter(latest)) {
                return Decision.refused(max.rule(), "authorization.agreement.term-over-cap."
                        + max.value().unit().name(), max.value().amount(), latest.toString());
            }
        }
        return Decision.ALLOWED;
    }

    /**
     * The last day of a term of {@code limit} whose first day is {@code from}: the day before the same date
     * N years (months) later, or, where a 29 February makes that a day short, the corresponding day counted
     * from the day before (Civil Code Arts. 201-202) — whichever is later.
     */
    static LocalDate lastDay(LocalDate from, TimeLimit limit) {
        LocalDate dayBefore = from.minusDays(1);
        return switch (limit.unit()) {
            case YEARS -> later(from.plusYears(limit.amount()).minusDays(1), dayBefore.plusYears(limit.amount()));
            case MONTHS -> later(from.plusMonths(limit.amount()).minusDays(1), dayBefore.plusMonths(limit.amount()));
            case CALENDAR_DAYS, WORKING_DAYS -> from.plusDays(limit.amount() - 1);
        };
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Every clause the profile requires is present and has a text (TZ-10, SY-4, NJ-11, JL-agreement). */
    static Decision requiredClausesPresent(JurisdictionProfile profile, List<Clause> clauses) {
        if (!profile.has("agreement.clauses.required")) {
            return Decision.ALLOWED;
        }
        Ruled<List<ListItem>> required = profile.items("agreement.clauses.required");
        Set<String> present = clauses.stream().filter(c -> !c.body().isBlank()).map(Clause::key)
                .collect(Collectors.toSet());
        List<String> missing = required.value().stream().map(ListItem::key).filter(k -> !present.contains(k))
                .toList();
        if (!missing.isEmpty()) {
            String names = required.value().stream().filter(i -> missing.contains(i.key()))
                    .map(i -> i.key() + "（" + i.zh() + "）").collect(Collectors.joining("、"));
            return Decision.refused(required.rule(), "authorization.agreement.clauses-missing", names);
        }
        return Decision.ALLOWED;
    }

    /**
     * The authorization model is one the profile knows; the developer tier exists only where the profile
     * has two tiers (TZ-6).
     */
    static Decision modelAllowed(JurisdictionProfile profile, String model, AgreementTier tier) {
        Ruled<List<ListItem>> models = profile.items("authorization.models");
        boolean known = models.value().stream().anyMatch(i -> i.key().equals(model));
        if (!known) {
            return Decision.refused(models.rule(), "authorization.agreement.model-unknown",
                    models.value().stream().map(ListItem::key).collect(Collectors.joining(", ")));
        }
        if (tier == AgreementTier.DEVELOPER && !model.equals("TWO_TIER")) {
            return Decision.refused(models.rule(), "authorization.agreement.no-developer-tier");
        }
        return Decision.ALLOWED;
    }

    /** The parties are of the kinds the tier needs: an operator is authorized by a public body, a developer by an operator. */
    static Decision partiesFit(RuleRef rule, AgreementTier tier, OrganizationSummary grantor, OrganizationSummary party) {
        if (tier == AgreementTier.OPERATOR) {
            if (!OPERATOR_GRANTORS.contains(grantor.type())) {
                return Decision.refused(rule, "authorization.agreement.grantor-not-public");
            }
            if (party.type() != OrganizationType.OPERATOR) {
                return Decision.refused(rule, "authorization.agreement.party-not-operator");
            }
        } else {
            if (grantor.type() != OrganizationType.OPERATOR) {
                return Decision.refused(rule, "authorization.agreement.grantor-not-operator");
            }
            if (party.type() != OrganizationType.DEVELOPER) {
                return Decision.refused(rule, "authorization.agreement.party-not-developer");
            }
        }
        return Decision.ALLOWED;
    }

    /** The party is on none of the profile's credit lists today (TZ-7, SY-9, NJ-8, JL-agreement). */
    static Decision notOnCreditList(JurisdictionProfile profile, OrganizationStanding standing, LocalDate today) {
        if (!profile.has("admission.credit.lists")) {
            return Decision.ALLOWED;
        }
        Ruled<List<ListItem>> lists = profile.items("admission.credit.lists");
        for (ListItem item : lists.value()) {
            Optional<CreditListType> type = creditList(item.key());
            if (type.isPresent() && standing.listedOn(today).stream().anyMatch(e -> e.listType() == type.get())) {
                return Decision.refused(lists.rule(), "authorization.admission.credit-listed", item.zh());
            }
        }
        return Decision.ALLOWED;
    }

    static Optional<CreditListType> creditList(String profileKey) {
        CreditListType alias = CREDIT_ALIASES.get(profileKey);
        if (alias != null) {
            return Optional.of(alias);
        }
        try {
            return Optional.of(CreditListType.valueOf(profileKey));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
