package org.pdao.jurisdiction.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.pdao.jurisdiction.CalendarYear;
import org.pdao.jurisdiction.Holiday;
import org.pdao.jurisdiction.HolidayNotice;
import org.pdao.jurisdiction.LocalizedText;
import tools.jackson.databind.JsonNode;

/** Reads one year of statutory holidays ({@code jurisdiction/calendar/cn-<year>.yaml}) and checks it. */
final class CalendarReader {

    private CalendarReader() {}

    static CalendarYear read(String file, String yaml) {
        JsonNode root;
        try {
            root = ProfileReader.YAML.readTree(yaml);
        } catch (RuntimeException e) {
            throw new MalformedProfile(file, "-", "not valid YAML");
        }
        if (!root.path("year").isInt()) {
            throw new MalformedProfile(file, "year", "a whole year is required");
        }
        int year = root.path("year").asInt();
        JsonNode n = root.path("notice");
        HolidayNotice notice = new HolidayNotice(localized(file, n.path("title"), "notice.title"),
                n.path("number").asString("").isBlank() ? null : n.path("number").asString(),
                date(file, n.path("issued"), "notice.issued"));
        List<Holiday> holidays = new ArrayList<>();
        for (JsonNode h : root.path("holidays")) {
            LocalizedText name = localized(file, h.path("name"), "holidays.name");
            String key = "holidays." + name.en();
            LocalDate first = date(file, h.path("from"), key + ".from");
            LocalDate last = date(file, h.path("to"), key + ".to");
            if (first.getYear() != year || last.getYear() != year || last.isBefore(first)) {
                throw new MalformedProfile(file, key, "days off must lie in " + year + " and end after they start");
            }
            List<LocalDate> makeUp = new ArrayList<>();
            for (JsonNode d : h.path("makeUpWorkingDays")) {
                makeUp.add(date(file, d, key + ".makeUpWorkingDays"));
            }
            holidays.add(new Holiday(name, first, last, makeUp));
        }
        if (holidays.isEmpty()) {
            throw new MalformedProfile(file, "holidays", "a year without holidays is not a notice");
        }
        return new CalendarYear(year, notice, holidays);
    }

    private static LocalizedText localized(String file, JsonNode node, String key) {
        String zh = node.path("zh").asString("");
        String en = node.path("en").asString("");
        if (zh.isBlank() || en.isBlank()) {
            throw new MalformedProfile(file, key, "needs zh and en");
        }
        return new LocalizedText(zh, en);
    }

    private static LocalDate date(String file, JsonNode node, String key) {
        try {
            return LocalDate.parse(node.asString(""));
        } catch (DateTimeParseException e) {
            throw new MalformedProfile(file, key, "not a date (yyyy-mm-dd)");
        }
    }
}
