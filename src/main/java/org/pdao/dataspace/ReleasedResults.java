package org.pdao.dataspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pdao.shared.Actor;

/**
 * Released query results as the raw material of data products (TZ-18): a product names the released result of one of
 * its developer's governed queries, and each call of the product is served its rows — only what the output gate
 * released, never anything else of the workspace — watermarked for the product user who called it.
 */
public interface ReleasedResults {

    /**
     * The released result of {@code queryId}, described for a product of {@code developer}'s organization: empty if the
     * query is not that organization's, was not released (held, rejected) or was destroyed.
     */
    Optional<ResultSource> describe(UUID queryId, Actor developer);

    /**
     * The rows of a released result for one product call by {@code recipient}: refused with a problem naming the rule
     * when the result's grant has ended (agreement ended, term over: TZ-11) or the result was destroyed; otherwise
     * watermarked for the recipient and registered as an issue, so that a leaked copy traces to it.
     */
    Served serve(UUID resultId, Recipient recipient);

    /**
     * What a product needs to know of the result it serves: its grant (and so its agreement, scenario and zone), its
     * columns and row count, and the datasets its workspace was built from with the time each was obtained (TZ-10).
     */
    record ResultSource(UUID resultId, UUID queryId, UUID workspaceId, UUID grantId, UUID agreementId, UUID zoneId,
            UUID operatorOrganizationId, String scenario, List<String> columns, int rows, List<SourceDataset> sources,
            Instant releasedAt) {

        public ResultSource {
            columns = List.copyOf(columns);
            sources = List.copyOf(sources);
        }
    }

    /** One dataset behind a result: its catalog resource and when the zone obtained (loaded) it. */
    record SourceDataset(String dataset, UUID resourceId, Instant obtainedAt) {}

    /** Who a product call is served to: the product key, a readable name for the issue register, its organization. */
    record Recipient(UUID keyId, String name, UUID organizationId) {}

    /** The rows served, as watermarked for the recipient, and the issue that registers them. */
    record Served(UUID issueId, List<String> columns, List<List<Object>> rows) {

        public Served {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }
}
