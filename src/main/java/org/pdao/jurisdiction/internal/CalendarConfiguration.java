package org.pdao.jurisdiction.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.pdao.jurisdiction.CalendarYear;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Provides the working-day calendar from the holiday files under {@code jurisdiction/calendar/} (the bundled
 * years); {@link CalendarAdministration} merges the years loaded at runtime over them.
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    /** The years shipped with the platform (one file per year under {@code jurisdiction/calendar/}). */
    record BundledYears(List<CalendarYear> years) {}

    @Bean
    WorkingDayCalendar workingDayCalendar(BundledYears bundled) {
        try {
            return new WorkingDayCalendar(bundled.years());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("jurisdiction calendar: " + e.getMessage(), e);
        }
    }

    @Bean
    BundledYears bundledCalendarYears() throws IOException {
        List<CalendarYear> years = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:jurisdiction/calendar/cn-*.yaml")) {
            String file = String.valueOf(r.getFilename());
            CalendarYear year = CalendarReader.read(file, r.getContentAsString(StandardCharsets.UTF_8));
            if (!file.equals("cn-" + year.year() + ".yaml")) {
                throw new MalformedProfile(file, "year", "file name and year differ");
            }
            List<CalendarYearCheck.Problem> problems = CalendarYearCheck.problems(year);
            if (!problems.isEmpty()) {
                throw new MalformedProfile(file, problems.get(0).field(), problems.get(0).code() + " "
                        + problems.get(0).date());
            }
            years.add(year);
        }
        return new BundledYears(List.copyOf(years));
    }
}
