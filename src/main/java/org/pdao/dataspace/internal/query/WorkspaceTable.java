package org.pdao.dataspace.internal.query;

import java.util.List;

/**
 * One table of a workspace, under the dataset's own name, with the column that names its data subject
 * (the pseudonymised person key, by which small groups are counted), its row count, and whether that key is unique
 * per row (one row per person, found when the workspace was materialised): then the persons of a set of its rows
 * are simply the rows with a key, and the executor counts them without a distinct count.
 */
public record WorkspaceTable(String name, String personKeyColumn, List<WorkspaceColumn> columns, long rows,
        boolean personUnique) {

    public WorkspaceTable {
        columns = List.copyOf(columns);
    }
}
