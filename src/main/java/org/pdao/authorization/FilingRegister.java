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
}
