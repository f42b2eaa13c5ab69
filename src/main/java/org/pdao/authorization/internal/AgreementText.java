package org.pdao.authorization.internal;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.pdao.shared.crypto.Sm3;

/**
 * The canonical text of one version of an agreement: what both parties sign. Deterministic (fields in a
 * fixed order, clauses by position, LF line ends, UTF-8), so the platform and any party can recompute it
 * and its SM3 digest. A party signs the 32 digest bytes with SM2.
 */
final class AgreementText {

    private AgreementText() {}

    static String canonical(Agreement a, List<Clause> clauses) {
        StringBuilder s = new StringBuilder();
        s.append("授权运营协议 / Authorization agreement\n");
        line(s, "编号 number", a.number());
        line(s, "版本 version", String.valueOf(a.version()));
        line(s, "配置 profile", a.profileId());
        line(s, "授权模式 model", a.model());
        line(s, "层级 tier", a.tier().name());
        line(s, "名称 title", a.title());
        line(s, "授权方 grantor", a.grantorName() + " (" + a.grantorId() + ")");
        line(s, "被授权方 party", a.partyName() + " (" + a.partyId() + ")");
        line(s, "应用场景 scenarios", String.join("；", a.scenarios()));
        line(s, "专区 zones", String.join("；", a.zoneCodes()) + (a.zoneIds().isEmpty() ? ""
                : " " + String.join(",", a.zoneIds().stream().map(Object::toString).toList())));
        line(s, "期限 term", a.validFrom() + " 至 " + a.validUntil());
        s.append("条款 clauses\n");
        clauses.stream().sorted(Comparator.comparingInt(Clause::position).thenComparing(Clause::key)).forEach(c -> {
            s.append("[").append(c.key()).append("] ").append(c.title().strip()).append('\n');
            s.append(c.body().replace("\r\n", "\n").replace('\r', '\n').strip()).append('\n');
        });
        return s.toString();
    }

    static String sm3(String canonical) {
        return Sm3.hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder s, String label, String value) {
        s.append(label).append(": ").append(value.replace('\n', ' ').strip()).append('\n');
    }
}
