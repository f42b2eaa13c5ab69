package org.pdao.dataspace.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At startup, before anything loads: a load still RUNNING was cut off by a stopped process. Its store
 * transaction died with the process (the zone is as it was), so it is marked FAILED and audited.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InterruptedLoads implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InterruptedLoads.class);

    private final DatasetIngestion ingestion;

    InterruptedLoads(DatasetIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public void run(ApplicationArguments args) {
        int failed = ingestion.failInterrupted();
        if (failed > 0) {
            log.warn("{} load(s) interrupted by a stopped process marked FAILED", failed);
        }
    }
}
