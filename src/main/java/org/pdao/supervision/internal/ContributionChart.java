package org.pdao.supervision.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Draws a contribution series as an SVG figure: one panel per measure group (quantity, quality, use by
 * the catalog, use by grants and queries, rows served; each with its own scale), months along the bottom, labels in the reader's language.
 */
final class ContributionChart {

    private record Line(String label, String color, ToLongFunction<ContributionAssessment.Month> value) {}

    private record Panel(String title, List<Line> lines) {}

    private static final int WIDTH = 960;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int PANEL_HEIGHT = 170;
    private static final int PANEL_GAP = 50;
    private static final int TOP = 70;
    private static final String FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

    private ContributionChart() {}

    static String svg(ContributionAssessment.Series s, boolean chinese) {
        List<Panel> panels = List.of(
                new Panel(dimension(s, "QUANTITY", chinese, "数据提供数量", "Quantity"), List.of(
                        new Line(chinese ? "资源数" : "resources", "#1f77b4", m -> m.quantity().resources()),
                        new Line(chinese ? "字段数" : "fields", "#6baed6", m -> m.quantity().fields()))),
                new Panel(dimension(s, "QUALITY", chinese, "数据质量", "Quality"), List.of(
                        new Line(chinese ? "质量问题" : "quality issues", "#d62728", m -> m.quality().issues()),
                        new Line(chinese ? "到期整改任务" : "rectifications due", "#ff9896",
                                m -> m.quality().rectificationsDue()),
                        new Line(chinese ? "按期整改" : "rectified on time", "#2ca02c",
                                m -> m.quality().rectificationsOnTime()))),
                new Panel(dimension(s, "USE", chinese, "数据应用", "Use"), List.of(
                        new Line(chinese ? "已发布开发目录条目" : "published catalog entries", "#9467bd",
                                m -> m.use().publishedEntries()),
                        new Line(chinese ? "交付数据需求" : "demands delivered", "#8c564b", m -> m.use().demandsDelivered()),
                        new Line(chinese ? "审核共享申请" : "sharing reviews", "#e377c2", m -> m.use().sharingReviewed()))),
                new Panel(dimension(s, "USE", chinese, "数据应用", "Use") + (chinese ? "：授权与查询" : ": grants and queries"),
                        List.of(new Line(chinese ? "有效授权" : "grants in force", "#17becf", m -> m.use().grantsInForce()),
                                new Line(chinese ? "新增授权" : "grants issued", "#bcbd22", m -> m.use().grantsIssued()),
                                new Line(chinese ? "被授权单位" : "grantees", "#7f7f7f", m -> m.use().grantees()),
                                new Line(chinese ? "工作空间准备" : "workspaces prepared", "#ff7f0e",
                                        m -> m.use().workspacesPrepared()),
                                new Line(chinese ? "受控查询" : "governed queries", "#393b79", m -> m.use().queries()))),
                new Panel(dimension(s, "USE", chinese, "数据应用", "Use") + (chinese ? "：提供行数" : ": rows served"),
                        List.of(new Line(chinese ? "工作空间行数" : "rows into workspaces", "#8c6d31",
                                m -> m.use().rowsServed()))));
        int height = TOP + panels.size() * (PANEL_HEIGHT + PANEL_GAP) + 20;
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"").append(FONT).append("\" role=\"img\">\n");
        String title = (chinese ? "数据贡献评估：" : "Contribution assessment: ") + s.sourceUnitName();
        out.append("<title>").append(escape(title)).append("</title>\n");
        out.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(out, LEFT, 30, 20, "bold", "start", title);
        text(out, LEFT, 52, 12, "normal", "start", (chinese ? "依据 " : "Under ") + s.article() + " (" + s.ruleId() + ")");
        List<ContributionAssessment.Month> months = s.months();
        for (int i = 0; i < panels.size(); i++) {
            panel(out, panels.get(i), months, TOP + i * (PANEL_HEIGHT + PANEL_GAP), chinese);
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static void panel(StringBuilder out, Panel p, List<ContributionAssessment.Month> months, int top,
            boolean chinese) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        long max = 0;
        for (Line l : p.lines()) {
            for (ContributionAssessment.Month m : months) {
                max = Math.max(max, l.value().applyAsLong(m));
            }
        }
        long step = niceStep(max);
        long top4 = step * 4;
        text(out, LEFT, top + 14, 14, "bold", "start", p.title());
        int y0 = top + 24;
        int bottom = y0 + PANEL_HEIGHT - 30;
        for (int g = 0; g <= 4; g++) {
            double y = bottom - (bottom - y0) * g / 4.0;
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>\n", LEFT, y,
                    LEFT + plotWidth, y, g == 0 ? "#555555" : "#e5e5e5"));
            text(out, LEFT - 8, (int) Math.round(y) + 4, 11, "normal", "end", Long.toString(step * g));
        }
        int n = months.size();
        int every = n <= 12 ? 1 : n <= 24 ? 2 : 3;
        for (int i = 0; i < n; i++) {
            double x = x(i, n, plotWidth);
            if (i % every == 0 || i == n - 1) {
                text(out, (int) Math.round(x), bottom + 16, 11, "normal", "middle", monthLabel(months.get(i).month(), chinese));
            }
        }
        int legendY = y0 + 6;
        for (Line l : p.lines()) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double y = bottom - (bottom - y0) * (double) l.value().applyAsLong(months.get(i)) / top4;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n, plotWidth), y));
            }
            out.append("<polyline fill=\"none\" stroke=\"").append(l.color())
                    .append("\" stroke-width=\"2.5\" stroke-linejoin=\"round\" points=\"").append(points.toString().trim())
                    .append("\"/>\n");
            for (int i = 0; i < n; i++) {
                double y = bottom - (bottom - y0) * (double) l.value().applyAsLong(months.get(i)) / top4;
                out.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                        x(i, n, plotWidth), y, l.color()));
            }
            int lx = LEFT + plotWidth + 20;
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n", lx, legendY,
                    lx + 22, legendY, l.color()));
            text(out, lx + 28, legendY + 4, 12, "normal", "start", l.label());
            legendY += 20;
        }
    }

    private static double x(int i, int n, int plotWidth) {
        return n == 1 ? LEFT + plotWidth / 2.0 : LEFT + 10 + (plotWidth - 20) * (double) i / (n - 1);
    }

    /** A step of 1, 2 or 5 times a power of ten so that four steps cover {@code max}. */
    static long niceStep(long max) {
        if (max <= 4) {
            return 1;
        }
        double raw = max / 4.0;
        long power = (long) Math.pow(10, Math.floor(Math.log10(raw)));
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String monthLabel(String yearMonth, boolean chinese) {
        String[] p = yearMonth.split("-");
        return chinese ? p[0] + "年" + Integer.parseInt(p[1]) + "月" : yearMonth;
    }

    private static String dimension(ContributionAssessment.Series s, String key, boolean chinese, String zh, String en) {
        return s.dimensions().stream().filter(d -> d.key().equals(key)).findFirst()
                .map(d -> chinese ? d.zh() : d.en()).orElse(chinese ? zh : en);
    }

    private static void text(StringBuilder out, int x, int y, int size, String weight, String anchor, String s) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size)
                .append("\" font-weight=\"").append(weight).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"#222222\">").append(escape(s)).append("</text>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
