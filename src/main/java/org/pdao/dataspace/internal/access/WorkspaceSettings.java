package org.pdao.dataspace.internal.access;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Where workspace databases live ({@code pdao.dataspace.workspace-dir}, default beside the zone stores) and
 * each workspace's quota of compute time and storage ({@code pdao.dataspace.workspace.compute-quota},
 * {@code pdao.dataspace.workspace.storage-quota}).
 */
@Component
class WorkspaceSettings {

    private final Path dir;
    private final Duration computeQuota;
    private final DataSize storageQuota;

    WorkspaceSettings(@Value("${pdao.dataspace.workspace-dir:${pdao.dataspace.store-dir:./data/zones}/../workspaces}") String dir,
            @Value("${pdao.dataspace.workspace.compute-quota:PT10H}") Duration computeQuota,
            @Value("${pdao.dataspace.workspace.storage-quota:2GB}") DataSize storageQuota) {
        this.dir = Path.of(dir).toAbsolutePath().normalize();
        this.computeQuota = computeQuota;
        this.storageQuota = storageQuota;
    }

    Path dir() {
        return dir;
    }

    Duration computeQuota() {
        return computeQuota;
    }

    DataSize storageQuota() {
        return storageQuota;
    }
}
