package org.pdao.jurisdiction.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.CalendarYear;
import org.pdao.jurisdiction.CalendarYearChanged;
import org.pdao.jurisdiction.Holiday;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calendar years loaded at runtime (国务院办公厅 holiday notices published after the release): checked
 * ({@link CalendarYearCheck}), stored in {@code jurisdiction_calendar_year}, audited (through
 * {@link CalendarYearChanged}) and put into the {@link WorkingDayCalendar} once committed; at startup the
 * stored years are merged over the bundled ones. A year already covered — bundled or loaded — changes only
 * on an explicit replacement with a reason.
 */
@Service
class CalendarAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarAdministration.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where a covered year comes from. */
    enum Origin { BUNDLED, LOADED, BUNDLED_REPLACED }

    /** A covered year as the administration lists it. */
    record YearInfo(int year, Origin origin, String noticeTitle, @Nullable String noticeNumber, LocalDate noticeIssued,
            int holidays, @Nullable String reason, @Nullable String loadedBy, @Nullable Instant loadedAt) {}

    /** A year refused with every problem found. */
    static final class Refused extends RuntimeException {

        private final transient List<CalendarYearCheck.Problem> problems;

        Refused(List<CalendarYearCheck.Problem> problems) {
            super("calendar year refused: " + problems);
            this.problems = List.copyOf(problems);
        }

        List<CalendarYearCheck.Problem> problems() {
            return problems;
        }
    }

    private final WorkingDayCalendar calendar;
    private final Set<Integer> bundled;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CalendarAdministration(WorkingDayCalendar calendar, CalendarConfiguration.BundledYears bundled, JdbcClient jdbc,
            ApplicationEventPublisher events, Clock clock) {
        this.calendar = calendar;
        this.bundled = bundled.years().stream().map(CalendarYear::year).collect(java.util.stream.Collectors.toSet());
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        for (CalendarYear stored : stored()) {
            calendar.put(stored);
            LOG.info("calendar year {} loaded from the database ({})", stored.year(), stored.notice().title().zh());
        }
    }

    /** The stored years, as they were loaded (each read back through the same checks as the bundled files). */
    List<CalendarYear> stored() {
        return jdbc.sql("select calendar_year, definition from jurisdiction_calendar_year order by calendar_year")
                .query((rs, n) -> CalendarReader.read("jurisdiction_calendar_year:" + rs.getInt(1), rs.getString(2)))
                .list();
    }

    List<YearInfo> years() {
        Map<Integer, YearInfo> stored = new LinkedHashMap<>();
        jdbc.sql("select * from jurisdiction_calendar_year").query((rs, n) -> {
            int year = rs.getInt("calendar_year");
            stored.put(year, new YearInfo(year, bundled.contains(year) ? Origin.BUNDLED_REPLACED : Origin.LOADED,
                    rs.getString("notice_title"), rs.getString("notice_number"),
                    rs.getObject("notice_issued", LocalDate.class), 0, rs.getString("reason"), rs.getString("loaded_by"),
                    rs.getTimestamp("loaded_at").toInstant()));
            return null;
        }).list();
        List<YearInfo> out = new ArrayList<>();
        for (CalendarYear y : calendar.years()) {
            YearInfo s = stored.get(y.year());
            out.add(s == null
                    ? new YearInfo(y.year(), Origin.BUNDLED, y.notice().title().zh(), y.notice().number(),
                            y.notice().issued(), y.holidays().size(), null, null, null)
                    : new YearInfo(s.year(), s.origin(), s.noticeTitle(), s.noticeNumber(), s.noticeIssued(),
                            y.holidays().size(), s.reason(), s.loadedBy(), s.loadedAt()));
        }
        return out;
    }

    /**
     * Loads a year ({@code replace} false: only a year not yet covered) or replaces one ({@code replace}
     * true: a covered year needs a reason). Checked first; nothing changes when refused.
     */
    @Transactional
    YearInfo load(Actor actor, CalendarYear year, @Nullable String reason, boolean replace) {
        List<CalendarYearCheck.Problem> problems = CalendarYearCheck.problems(year);
        if (problems.isEmpty()) {
            try {
                new WorkingDayCalendar(List.of(year));
            } catch (IllegalArgumentException e) {
                problems = List.of(new CalendarYearCheck.Problem("holidays", null, "jurisdiction.calendar.contradictory"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        Optional<CalendarYear> existing = calendar.year(year.year());
        if (existing.isPresent() && !replace) {
            throw ProblemException.conflict("jurisdiction.calendar.year-exists", year.year());
        }
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        if (existing.isPresent() && why == null) {
            throw ProblemException.badRequest("jurisdiction.calendar.reason-required", year.year());
        }
        String definition = definition(year);
        String sm3 = Sm3.hex(definition.getBytes(StandardCharsets.UTF_8));
        String previous = existing.map(y -> Sm3.hex(definition(y).getBytes(StandardCharsets.UTF_8))).orElse(null);
        String replaced = existing.isEmpty() ? null
                : jdbc.sql("select count(*) from jurisdiction_calendar_year where calendar_year = ?").param(year.year())
                        .query(Long.class).single() > 0 ? Origin.LOADED.name() : Origin.BUNDLED.name();
        Instant now = clock.instant();
        jdbc.sql("delete from jurisdiction_calendar_year where calendar_year = ?").param(year.year()).update();
        jdbc.sql("""
                insert into jurisdiction_calendar_year (calendar_year, notice_title, notice_number, notice_issued, definition,
                    definition_sm3, replaces, reason, loaded_by, loaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(year.year(), year.notice().title().zh(), year.notice().number(), year.notice().issued(),
                        definition, sm3, replaced, why, actor.username(), Timestamp.from(now))
                .update();
        int daysOff = 0;
        int makeUp = 0;
        for (Holiday h : year.holidays()) {
            daysOff += (int) (h.lastDay().toEpochDay() - h.firstDay().toEpochDay() + 1);
            makeUp += h.makeUpWorkingDays().size();
        }
        events.publishEvent(new CalendarYearChanged(year.year(), existing.isEmpty() ? "LOADED" : "REPLACED", replaced,
                year.notice().title().zh(), year.notice().number(), year.notice().issued(), year.holidays().size(),
                daysOff, makeUp, sm3, previous, why, actor, now));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    calendar.put(year);
                }
            });
        } else {
            calendar.put(year);
        }
        return new YearInfo(year.year(), bundled.contains(year.year()) ? Origin.BUNDLED_REPLACED : Origin.LOADED,
                year.notice().title().zh(), year.notice().number(), year.notice().issued(), year.holidays().size(), why,
                actor.username(), now);
    }

    /** The year as JSON in the shape of the bundled files, which {@link CalendarReader} reads back. */
    static String definition(CalendarYear y) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("title", Map.of("zh", y.notice().title().zh(), "en", y.notice().title().en()));
        if (y.notice().number() != null) {
            notice.put("number", y.notice().number());
        }
        notice.put("issued", y.notice().issued().toString());
        List<Map<String, Object>> holidays = new ArrayList<>();
        for (Holiday h : y.holidays()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", Map.of("zh", h.name().zh(), "en", h.name().en()));
            m.put("from", h.firstDay().toString());
            m.put("to", h.lastDay().toString());
            m.put("makeUpWorkingDays", h.makeUpWorkingDays().stream().map(LocalDate::toString).toList());
            holidays.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("year", y.year());
        root.put("notice", notice);
        root.put("holidays", holidays);
        return JSON.writeValueAsString(root);
    }
}
