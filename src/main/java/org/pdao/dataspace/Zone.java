package org.pdao.dataspace;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A data zone (专区): its kind, the organization that supervises it and the one operator that runs it. */
public record Zone(UUID id, String code, String nameZh, String nameEn, ZoneKind kind, @Nullable ZoneIndustry industry,
        UUID supervisorOrganizationId, UUID operatorOrganizationId, Instant createdAt) {}
