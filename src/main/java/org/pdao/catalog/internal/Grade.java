package org.pdao.catalog.internal;

import java.util.Optional;

/** The grade of a field (分级): 1 公开 public, 2 内部 internal, 3 敏感 sensitive, 4 重要/核心 highly sensitive. */
enum Grade {
    PUBLIC(1, "公开", "public"),
    INTERNAL(2, "内部", "internal"),
    SENSITIVE(3, "敏感", "sensitive"),
    HIGHLY_SENSITIVE(4, "重要/核心", "highly sensitive");

    private final int level;
    private final String nameZh;
    private final String nameEn;

    Grade(int level, String nameZh, String nameEn) {
        this.level = level;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    int level() {
        return level;
    }

    String nameZh() {
        return nameZh;
    }

    String nameEn() {
        return nameEn;
    }

    static Optional<Grade> ofLevel(int level) {
        for (Grade g : values()) {
            if (g.level == level) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
