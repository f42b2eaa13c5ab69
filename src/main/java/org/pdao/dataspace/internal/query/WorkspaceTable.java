package org.pdao.dataspace.internal.query;

import java.util.List;

/**
 * One table of a workspace, under the dataset's own name, with the column that names its data subject
 * (the pseudonymised person key, by which small groups are counted) and its row count.
 */
public record WorkspaceTable(String name, String personKeyColumn, List<WorkspaceColumn> columns, long rows) {

    public WorkspaceTable {
        columns = List.copyOf(columns);
    }
}
