package org.pdao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.pdao.support.Api;
import org.pdao.support.TestData;

/** Fresh source units and resource bodies for catalog tests. */
final class CatalogFixtures {

    static final UUID DEMO_SOURCE_UNIT = UUID.nameUUIDFromBytes("pdao-demo-org-hrss".getBytes());

    private CatalogFixtures() {}

    /** A word that occurs nowhere else, so searches find exactly what a test made. */
    static String token() {
        StringBuilder s = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    static UUID newSourceUnit(Api api, String sysadminToken, String region) {
        Api.Response r = api.post("/api/v1/organizations", sysadminToken, Map.of("name", "测试数源单位" + token(),
                "uscc", TestData.uscc(), "type", "SOURCE_UNIT", "regionCode", region));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return UUID.fromString(r.text("id"));
    }

    static Map<String, @Nullable Object> field(String name, String label, int grade, boolean personKey) {
        Map<String, @Nullable Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("label", label);
        f.put("type", "varchar");
        f.put("grade", grade);
        f.put("classification", "个人信息");
        f.put("personKey", personKey);
        return f;
    }

    static Map<String, @Nullable Object> resource(String name, @Nullable UUID sourceUnit, String sharing,
            String opening, @Nullable String legalBasis, List<String> restrictions) {
        Map<String, @Nullable Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("description", name + " 的社会保险缴费明细");
        r.put("sourceUnitId", sourceUnit);
        r.put("domain", "社会保障");
        r.put("category", "社保缴费");
        r.put("updateFrequency", "MONTHLY");
        r.put("sharing", sharing);
        r.put("opening", opening);
        r.put("legalBasis", legalBasis);
        r.put("restrictions", restrictions);
        r.put("fields", List.of(field("insured_id", "参保人编号", 3, true), field("paid_amount", "实缴金额", 2, false)));
        return r;
    }
}
