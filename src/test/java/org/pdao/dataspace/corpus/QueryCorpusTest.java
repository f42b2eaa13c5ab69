package org.pdao.dataspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.corpus.QueryCorpus.Entry;
import org.pdao.dataspace.corpus.QueryCorpus.Expect;

/** The corpus as data: big enough, every class of issue 5 covered with many variants, every entry well formed. */
class QueryCorpusTest {

    private final QueryCorpus corpus = QueryCorpus.load();

    @Test
    void holdsAtLeastTwoHundredAttacksAndSixtyLegitimateAnalyses() {
        assertThat(corpus.attacks()).hasSizeGreaterThanOrEqualTo(200);
        assertThat(corpus.legitimate()).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void coversEveryAttackClassWithSeveralVariants() {
        Map<String, Long> perClass = corpus.attacks().stream()
                .collect(Collectors.groupingBy(Entry::file, Collectors.counting()));
        assertThat(perClass.keySet()).containsExactlyInAnyOrderElementsOf(QueryCorpus.ATTACK_FILES);
        assertThat(perClass.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(7));
    }

    @Test
    void everyEntryIsWellFormed() {
        for (Entry e : corpus.attacks()) {
            assertThat(e.id()).isNotBlank();
            assertThat(e.sql()).as(e.id()).isNotBlank();
            assertThat(e.description()).as(e.id()).isNotBlank();
            assertThat(e.expect()).as(e.id()).isNotEqualTo(Expect.EXACT);
            if (e.pair() != null && !e.pair().kind().equals("indistinguishable")) {
                assertThat(e.pair().secret()).as(e.id()).isNotBlank();
            }
            if (e.persons() != null) {
                assertThat(e.expect()).as(e.id() + ": a persons oracle judges a released result").isEqualTo(Expect.SAFE_RESULT);
            }
        }
        for (Entry e : corpus.legitimate()) {
            assertThat(e.expect()).isEqualTo(Expect.EXACT);
            assertThat(e.keys()).isGreaterThanOrEqualTo(0);
        }
        assertThat(corpus.knownFailures().keySet()).allSatisfy(id -> assertThat(
                corpus.attacks().stream().anyMatch(e -> e.id().equals(id))
                        || corpus.legitimate().stream().anyMatch(e -> e.id().equals(id))).as(id).isTrue());
    }

    @Test
    void placeholdersAreFilledOrRefused() {
        assertThat(QueryCorpus.fill("k = ${k}", Map.of("k", "10"))).isEqualTo("k = 10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueryCorpus.fill("${nope}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
