package org.pdao.dataspace.internal.gate;

import java.util.List;
import java.util.UUID;

/**
 * A computed result handed to the output gate: which query, workspace, grant and developer it belongs to,
 * who ran it, its columns and rows, and whether the executor found it eligible for automatic release
 * ({@code aggregateOnly}: every output value is an aggregate over at least k persons or a clear group key)
 * with the executor's notes for the reviewer (suppressed groups, noise applied, rules checked).
 */
public record ResultSubmission(UUID queryId, UUID workspaceId, UUID grantId, UUID developerOrganizationId,
        UUID submittedBy, String sql, List<ResultColumn> columns, List<List<Object>> rows, boolean aggregateOnly,
        List<String> notes) {

    public ResultSubmission {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
