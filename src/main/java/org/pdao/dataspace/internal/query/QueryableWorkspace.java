package org.pdao.dataspace.internal.query;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A workspace opened for one governed query, after every check of use passed: where its DuckDB
 * database lies and the key it is encrypted with (attach it read-only on a locked connection), the
 * tables it holds, and a per-grant secret that seeds sticky noise. Nothing of the zone's raw store is
 * reachable from it.
 */
public record QueryableWorkspace(UUID workspaceId, UUID grantId, UUID zoneId, UUID developerOrganizationId,
        String scenario, Path databaseFile, byte[] databaseKey, byte[] noiseKey, List<WorkspaceTable> tables) {

    public QueryableWorkspace {
        databaseKey = databaseKey.clone();
        noiseKey = noiseKey.clone();
        tables = List.copyOf(tables);
    }

    @Override
    public byte[] databaseKey() {
        return databaseKey.clone();
    }

    @Override
    public byte[] noiseKey() {
        return noiseKey.clone();
    }
}
