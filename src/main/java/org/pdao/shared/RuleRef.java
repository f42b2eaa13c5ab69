package org.pdao.shared;

/**
 * A reference to an enforceable rule of a regulation, such as {@code TZ-9}, with the article it
 * comes from in Chinese and English ("《泰州市公共数据授权运营管理办法》第九条").
 */
public record RuleRef(String id, String articleZh, String articleEn) {

    public RuleRef {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("rule id is required");
        }
        articleZh = articleZh == null ? "" : articleZh;
        articleEn = articleEn == null ? "" : articleEn;
    }

    public static RuleRef of(String id) {
        return new RuleRef(id, "", "");
    }

    public String article(boolean chinese) {
        return chinese || articleEn.isEmpty() ? articleZh : articleEn;
    }
}
