package org.pdao.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.jurisdiction.ListItem;

/** The contribution chart draws every measure of every month, with readable Chinese labels. */
class ContributionChartTest {

    @Test
    void drawsOneLinePerMeasureWithAPointPerMonthAndChineseLabels() throws Exception {
        List<ContributionAssessment.Month> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(new ContributionAssessment.Month(String.format("2026-%02d", m),
                    new ContributionAssessment.Quantity(3 + m, 20 + 9L * m),
                    new ContributionAssessment.Quality(m % 4, m % 3 + 1, m % 3, m, m - m % 2),
                    new ContributionAssessment.Use(m / 2, m % 5, m % 3, m % 3, m % 2, m, 1 + m / 4,
                            m % 3, 1_000L * m, 7L * m)));
        }
        ContributionAssessment.Series s = new ContributionAssessment.Series(UUID.randomUUID(), "泰州市人力资源和社会保障局",
                "TZ-19", "《泰州市公共数据授权运营管理办法》第十九条",
                List.of(new ListItem("QUANTITY", "数据提供数量", "quantity"), new ListItem("QUALITY", "数据质量", "quality"),
                        new ListItem("USE", "数据应用", "use")), months);
        String svg = ContributionChart.svg(s, true);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/contribution-chart-sample.svg"), svg);

        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(count(svg, "<polyline")).isEqualTo(14);
        assertThat(count(svg, "<circle")).isEqualTo(14 * 12);
        assertThat(svg).contains("数据提供数量", "数据质量", "数据应用", "2026年1月", "2026年12月", "按期整改",
                "已发布开发目录条目", "泰州市人力资源和社会保障局", "第十九条", "数据应用：授权与查询",
                "有效授权", "新增授权", "受控查询", "工作空间准备", "数据应用：提供行数", "工作空间行数");
        assertThat(ContributionChart.svg(s, false)).contains("2026-12", "Quantity".toLowerCase(), "grants in force", "governed queries", "rows served").doesNotContain("年");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
