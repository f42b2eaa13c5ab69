package org.pdao.supervision.internal;

import java.util.Locale;
import java.util.UUID;
import org.pdao.catalog.CatalogSupply;
import org.pdao.dataspace.DatasetProfiled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Automatic quality checks on every loaded dataset's profile (counts only): a column's null rate
 * above the threshold (completeness), format violations of ID numbers, USCCs and phone numbers
 * (normativity), duplicate rows (consistency). Each check raises at most one open issue per
 * resource. The checks run in a transaction of their own, so a failing check never fails the load
 * that published the profile.
 */
@Component
class ProfileChecks {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileChecks.class);

    private final QualityDesk desk;
    private final QualityIssues issues;
    private final QualityRules rules;
    private final CatalogSupply catalog;
    private final MessageSource messages;
    private final TransactionTemplate own;

    ProfileChecks(QualityDesk desk, QualityIssues issues, QualityRules rules, CatalogSupply catalog,
            MessageSource messages, PlatformTransactionManager transactions) {
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.desk = desk;
        this.issues = issues;
        this.rules = rules;
        this.catalog = catalog;
        this.messages = messages;
    }

    @EventListener
    void on(DatasetProfiled p) {
        try {
            // in a transaction of its own: a failing check never marks the publisher's transaction rollback-only
            own.executeWithoutResult(status -> check(p));
        } catch (RuntimeException e) {
            LOG.warn("quality checks of dataset {} in zone {} failed: {}", p.dataset(), p.zoneId(), e.toString());
        }
    }

    /** Runs the checks; returns how many issues were raised. */
    int check(DatasetProfiled p) {
        UUID unit = p.sourceUnitId();
        if (p.resourceId() != null) {
            unit = catalog.resource(p.resourceId()).map(CatalogSupply.SuppliedResource::sourceUnitId).orElse(unit);
            issues.recordLoad(new QualityIssues.Load(p.resourceId(), unit, p.dataset(), p.loadedAt()));
        }
        if (unit == null || p.rows() == 0) {
            return 0;
        }
        QualityRules.Thresholds t = rules.thresholds();
        int raised = 0;
        for (DatasetProfiled.ColumnProfile c : p.columns()) {
            double nullRate = (double) c.nulls() / p.rows();
            if (nullRate > t.nullRate()) {
                raised += raise(p, unit, "COMPLETENESS", "NULL_RATE:" + c.name(), "supervision.check.null-rate",
                        c.name(), percent(nullRate), c.nulls(), p.rows());
            }
            long present = p.rows() - c.nulls();
            if (c.format() != null && present > 0) {
                double rate = (double) c.formatViolations() / present;
                if (rate > t.formatViolationRate()) {
                    raised += raise(p, unit, "NORMATIVITY", "FORMAT:" + c.format() + ":" + c.name(),
                            "supervision.check.format." + c.format(), c.name(), percent(rate), c.formatViolations(),
                            present);
                }
            }
        }
        double duplicates = (double) p.duplicateRows() / p.rows();
        if (duplicates > t.duplicateRate()) {
            raised += raise(p, unit, "CONSISTENCY", "DUPLICATES", "supervision.check.duplicates", p.dataset(),
                    percent(duplicates), p.duplicateRows(), p.rows());
        }
        return raised;
    }

    private int raise(DatasetProfiled p, UUID unit, String dimension, String checkCode, String messageCode,
            Object... args) {
        String text = messages.getMessage(messageCode, args, messageCode, Locale.SIMPLIFIED_CHINESE);
        return desk.raiseAutomatic(p.resourceId(), unit, dimension, checkCode, text) ? 1 : 0;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
