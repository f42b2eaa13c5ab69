package org.pdao.shared;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published by the module that owns a deadline-bound step (an onboarding decision, a filing, a data
 * demand's answer, a rectification task …) when the step is still open after its deadline. Supervision
 * turns it into an alert for the responsible organization and the supervising authority.
 *
 * @param ruleId the rule that set the deadline, e.g. {@code TZ-9}, {@code TZM-11}
 * @param subjectType what is late, e.g. {@code onboarding-application}, {@code data-demand}
 * @param subjectId its id
 * @param responsibleOrganizationId who should have acted
 * @param supervisingOrganizationId who supervises it (the data authority, a zone's regulator), if known
 * @param dueOn the last working day the step was due
 * @param messageCode a message key describing the step (resolved in Chinese and English)
 */
public record DeadlineOverdue(String ruleId, String subjectType, String subjectId, UUID responsibleOrganizationId,
        @Nullable UUID supervisingOrganizationId, LocalDate dueOn, String messageCode) {}
