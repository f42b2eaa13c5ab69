package org.pdao.catalog;

import java.util.List;
import java.util.UUID;

/**
 * What other modules may know of a development-catalog entry (开发数据目录, TZ-13): the resource it
 * opens for development, the fields it lists, the operator that compiled it and its state
 * ({@code PUBLISHED} when developers may request it).
 */
public record DevelopmentEntryView(UUID id, String title, UUID resourceId, List<String> fieldNames, UUID operatorId,
        String state) {

    public DevelopmentEntryView {
        fieldNames = List.copyOf(fieldNames);
    }

    public boolean published() {
        return "PUBLISHED".equals(state);
    }
}
