package org.pdao.dataspace;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Events telling how much of the catalog's data the trusted data space puts to use, so that supervision
 * can assess each source unit's contribution by use (TZ-19: 数据应用). They carry counts and ids only,
 * never a data value, and are published after the change they report has been made (a listener that
 * records them should do so after commit, in a transaction of its own).
 */
public sealed interface DataUse {

    UUID grantId();

    Instant at();

    /**
     * A grant came into force (on filing, or on approval of an operator's own request) over the granted
     * columns of these datasets, each tied to its catalog resource.
     */
    record Granted(UUID grantId, UUID zoneId, UUID partyOrganizationId, String scenario, LocalDate validUntil,
            List<GrantedDataset> datasets, Instant at) implements DataUse {

        public Granted {
            datasets = List.copyOf(datasets);
        }
    }

    /** One dataset of a grant: its catalog resource and how many of its columns were granted. */
    record GrantedDataset(String dataset, UUID resourceId, int columns) {}

    /** A grant ended for good (agreement ended, term over, columns withdrawn …), under this rule. */
    record GrantEnded(UUID grantId, String ruleId, Instant at) implements DataUse {}

    /** A workspace was prepared (or prepared again) from the raw store: rows of each dataset now served in it. */
    record WorkspacePrepared(UUID workspaceId, UUID grantId, List<ServedDataset> datasets, Instant at)
            implements DataUse {

        public WorkspacePrepared {
            datasets = List.copyOf(datasets);
        }
    }

    /** Rows of one dataset's desensitized view in a workspace. */
    record ServedDataset(String dataset, UUID resourceId, long rows) {}

    /**
     * A governed query ran in a workspace and was metered (SY-17); {@code resourceIds} are the catalog
     * resources whose data the workspace holds.
     */
    record WorkspaceQueried(UUID meterId, UUID workspaceId, UUID grantId, List<UUID> resourceIds, long elapsedMs,
            long resultBytes, Instant at) implements DataUse {

        public WorkspaceQueried {
            resourceIds = List.copyOf(resourceIds);
        }
    }
}
