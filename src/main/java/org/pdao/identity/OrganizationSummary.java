package org.pdao.identity;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What other modules may know of an organization. */
public record OrganizationSummary(
        UUID id,
        String name,
        String uscc,
        OrganizationType type,
        @Nullable AuthorityLevel authorityLevel,
        @Nullable String regionCode,
        @Nullable UUID parentId,
        @Nullable Integer mlpsLevel,
        OrganizationStatus status) {}
