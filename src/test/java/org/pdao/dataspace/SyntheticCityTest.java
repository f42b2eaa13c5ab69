package org.pdao.dataspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdao.identity.Uscc;
import org.pdao.shared.crypto.Sm3;

class SyntheticCityTest {

    private static final int RESIDENTS = 10_000;

    @TempDir
    static Path temp;

    static GeneratedCity city;

    @BeforeAll
    static void generate() {
        city = SyntheticCity.generate(42, RESIDENTS, temp.resolve("a"));
    }

    @Test
    void sameSeedAndSizeGiveIdenticalFiles() throws IOException {
        GeneratedCity again = SyntheticCity.generate(42, RESIDENTS, temp.resolve("b"));
        assertThat(again.files()).isEqualTo(city.files());
        for (GeneratedFile file : city.files()) {
            byte[] bytes = Files.readAllBytes(temp.resolve("a").resolve(file.fileName()));
            assertThat(Sm3.hex(bytes)).isEqualTo(file.sm3());
            assertThat((long) bytes.length).isEqualTo(file.bytes());
        }
    }

    @Test
    void anotherSeedGivesOtherData() {
        GeneratedCity other = SyntheticCity.generate(43, RESIDENTS, temp.resolve("c"));
        for (GeneratedFile file : other.files()) {
            assertThat(file.sm3()).isNotEqualTo(city.file(file.fileName()).sm3());
        }
    }

    @Test
    void everyIdNumberAndUsccIsValidAndGenderMatches() throws IOException {
        List<String[]> residents = rows(SyntheticCity.RESIDENTS);
        assertThat(residents).hasSize(RESIDENTS);
        assertThat(residents.stream().map(r -> r[0]).distinct().count()).isEqualTo(RESIDENTS);
        assertThat(city.file(SyntheticCity.RESIDENTS).rows()).isEqualTo(RESIDENTS);
        for (String[] r : residents) {
            assertThat(ResidentIdNumber.isValid(r[0])).as(r[0]).isTrue();
            assertThat(r[2]).isEqualTo(ResidentIdNumber.isMale(r[0]) ? "男" : "女");
            assertThat(r[4]).matches("1[3-9][0-9]{9}");
            assertThat(r[6]).endsWith("号");
            assertThat(r[0]).startsWith(r[5]);
        }
        List<String[]> enterprises = rows(SyntheticCity.ENTERPRISES);
        assertThat(enterprises).hasSize(RESIDENTS / 20);
        for (String[] e : enterprises) {
            assertThat(Uscc.isValid(e[0])).as(e[0]).isTrue();
            assertThat(ResidentIdNumber.isValid(e[2])).isTrue();
        }
        assertThat(rows(SyntheticCity.MEDICAL_VISITS)).allSatisfy(v -> assertThat(ResidentIdNumber.isValid(v[0])).isTrue());
    }

    @Test
    void dataHasTheSkewOfRealData() throws IOException {
        List<String[]> residents = rows(SyntheticCity.RESIDENTS);
        long tiny = residents.stream().filter(r -> r[5].equals(SyntheticCity.TINY_DISTRICT)).count();
        assertThat(tiny).isPositive().isLessThan(RESIDENTS / 100);

        List<String[]> visits = rows(SyntheticCity.MEDICAL_VISITS);
        Map<String, Integer> byCode = new HashMap<>();
        visits.forEach(v -> byCode.merge(v[3], 1, Integer::sum));
        int rarest = byCode.values().stream().min(Integer::compare).orElseThrow();
        assertThat(rarest).isLessThan(visits.size() / 1000);
        assertThat(byCode.get("J06.9")).isGreaterThan(visits.size() / 10);

        Set<String> elsewhere = new HashSet<>();
        rows(SyntheticCity.SOCIAL_INSURANCE).forEach(p -> elsewhere.add(p[0]));
        visits.forEach(v -> elsewhere.add(v[0]));
        rows(SyntheticCity.ENTERPRISES).forEach(e -> elsewhere.add(e[2]));
        long inTwo = residents.stream().filter(r -> elsewhere.contains(r[0])).count();
        assertThat(inTwo).isGreaterThan(RESIDENTS / 2);
    }

    private static List<String[]> rows(String file) throws IOException {
        List<String> lines = Files.readAllLines(temp.resolve("a").resolve(file), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
    }
}
