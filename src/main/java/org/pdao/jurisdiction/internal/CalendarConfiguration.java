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

/** Provides the working-day calendar from the holiday files under {@code jurisdiction/calendar/}. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    WorkingDayCalendar workingDayCalendar() throws IOException {
        List<CalendarYear> years = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:jurisdiction/calendar/cn-*.yaml")) {
            String file = String.valueOf(r.getFilename());
            CalendarYear year = CalendarReader.read(file, r.getContentAsString(StandardCharsets.UTF_8));
            if (!file.equals("cn-" + year.year() + ".yaml")) {
                throw new MalformedProfile(file, "year", "file name and year differ");
            }
            years.add(year);
        }
        try {
            return new WorkingDayCalendar(years);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("jurisdiction calendar: " + e.getMessage(), e);
        }
    }
}
