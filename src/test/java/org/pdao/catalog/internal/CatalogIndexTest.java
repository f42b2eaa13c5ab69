package org.pdao.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Full-text search finds the entries that contain every word of the query, in any of their text fields. */
class CatalogIndexTest {

    private final CatalogIndex index = CatalogIndex.inMemory();

    @Test
    void findsOnlyEntriesContainingEveryWordOfTheQuery() {
        add("城乡居民养老保险待遇发放", "按月发放的养老金明细");
        add("失业保险金发放明细", "失业保险待遇");
        add("养老服务机构名录", "民政部门登记的养老机构");

        assertThat(names("养老保险")).containsExactly("城乡居民养老保险待遇发放");
        assertThat(names("保险 发放")).containsExactlyInAnyOrder("城乡居民养老保险待遇发放", "失业保险金发放明细");
        assertThat(names("养老")).hasSize(2);
        assertThat(names("医疗就诊")).isEmpty();
    }

    @Test
    void anUnspacedCodeMatchesOnlyItsOwnEntryNotEveryEntrySharingOneOfItsPieces() {
        add("参保统计 zq698a2f", "统计");
        add("参保统计 zqe0f263", "统计");

        assertThat(names("zqe0f263")).containsExactly("参保统计 zqe0f263");
    }

    @Test
    void aWordFromTheDescriptionAndOneFromTheNameTogetherFindTheEntry() {
        add("企业社保缴纳统计数据", "可用于普惠金融核验");

        assertThat(names("社保 普惠金融")).containsExactly("企业社保缴纳统计数据");
        assertThat(names("（）")).containsExactly("企业社保缴纳统计数据"); // only punctuation: every entry
    }

    private void add(String name, String description) {
        index.put(new CatalogDocument(CatalogDocument.Kind.RESOURCE, UUID.randomUUID(), name, description, "", "社会保障",
                "类别", 2, "UNCONDITIONAL", "UNCONDITIONAL", UUID.randomUUID()));
        index.refresh();
    }

    private java.util.List<String> names(String text) {
        return index.search(new SearchQuery(text, EnumSet.of(CatalogDocument.Kind.RESOURCE), null, null, null, null, null,
                0, 20)).items().stream().map(SearchHit::name).toList();
    }
}
