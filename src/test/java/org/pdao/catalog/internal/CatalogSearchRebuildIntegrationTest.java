package org.pdao.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdao.shared.Actor;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The search index is rebuilt from the database (as at startup) and then holds both catalogs. */
class CatalogSearchRebuildIntegrationTest extends ApiTest {

    @Autowired
    CatalogSearch search;

    @Test
    void rebuildFromTheDatabaseFindsResourcesAndPublishedEntries() {
        search.rebuild();
        Actor authority = new Actor(null, "tester", null, List.of("AUTHORITY"), null);
        var resources = search.search(authority, new SearchQuery("社会保险缴费", EnumSet.of(CatalogDocument.Kind.RESOURCE),
                null, null, null, null, CatalogDemo.HRSS, 0, 20));
        assertThat(resources.items()).extracting(SearchHit::name).contains(CatalogDemo.SOCIAL_INSURANCE);
        var published = search.search(authority, new SearchQuery("企业社保", EnumSet.of(CatalogDocument.Kind.DEVELOPMENT),
                null, null, null, null, null, 0, 20));
        assertThat(published.items()).extracting(SearchHit::name).contains("企业社保缴纳统计数据");
    }
}
