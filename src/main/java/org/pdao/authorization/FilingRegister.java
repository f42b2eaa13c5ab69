package org.pdao.authorization;

import java.util.UUID;

/**
 * The one register of filing records (备案) for other modules: a module whose own step is a filing received by an
 * authority (TZ-14: a developer's data request approved by the operator and filed with the authority, which the
 * data space records) adds it here, so the authority finds every filing in one place
 * ({@code GET /api/v1/filings}).
 */
public interface FilingRegister {

    /**
     * Records a filing the calling module has already seen received: {@code filedBy} filed {@code subjectType}
     * {@code subjectId} with {@code filedWith} under {@code ruleId}, acknowledged by the current user. Returns the
     * filing record's id.
     */
    UUID recordReceived(String subjectType, UUID subjectId, String subjectTitle, String ruleId, UUID filedBy,
            UUID filedWith);

    /**
     * Opens a filing that {@code filedBy} owes under {@code ruleId} for {@code subjectType} {@code subjectId} (TZ-18: an
     * operator reports the products it approved to the data authority). It is DUE until the filer files it through
     * {@code POST /api/v1/filings/{id}/submission}, naming the authority where {@code filedWith} is null, and the
     * authority receives it; no deadline unless the rule's text sets one. Returns the filing record's id.
     */
    UUID openDuty(String subjectType, UUID subjectId, String subjectTitle, String ruleId, UUID filedBy,
            @org.jspecify.annotations.Nullable UUID filedWith);
}
