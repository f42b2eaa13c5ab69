package org.pdao.dataspace.internal.query;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Resource bounds of one governed query ({@code pdao.query.*}): wall time, DuckDB memory, threads and temp space,
 * how many groups and rows may be read and how large they may be, the noise bound on counts and how many earlier cells the release ledger
 * compares a new cell with. These are platform settings, not regulation numbers (k comes from the profile).
 */
@Component
class QuerySettings {

    private final Duration timeLimit;
    private final DataSize memoryLimit;
    private final int threads;
    private final DataSize maxTempSize;
    private final Path tempDir;
    private final int maxCells;
    private final int maxRows;
    private final int maxSqlLength;
    private final int countNoiseBound;
    private final int ledgerComparisons;
    private final DataSize maxResultSize;

    QuerySettings(@Value("${pdao.query.time-limit:PT30S}") Duration timeLimit,
            @Value("${pdao.query.memory-limit:1GB}") DataSize memoryLimit,
            @Value("${pdao.query.threads:2}") int threads,
            @Value("${pdao.query.max-temp-directory-size:1GB}") DataSize maxTempSize,
            @Value("${pdao.query.temp-dir:${java.io.tmpdir}/pdao-query}") String tempDir,
            @Value("${pdao.query.max-cells:100000}") int maxCells,
            @Value("${pdao.query.max-rows:10000}") int maxRows,
            @Value("${pdao.query.max-sql-length:20000}") int maxSqlLength,
            @Value("${pdao.query.noise.count-bound:2}") int countNoiseBound,
            @Value("${pdao.query.ledger.max-comparisons:200}") int ledgerComparisons,
            @Value("${pdao.query.max-result-size:64MB}") DataSize maxResultSize) {
        this.timeLimit = timeLimit;
        this.memoryLimit = memoryLimit;
        this.threads = threads;
        this.maxTempSize = maxTempSize;
        this.tempDir = Path.of(tempDir).toAbsolutePath().normalize();
        this.maxCells = maxCells;
        this.maxRows = maxRows;
        this.maxSqlLength = maxSqlLength;
        this.countNoiseBound = countNoiseBound;
        this.ledgerComparisons = ledgerComparisons;
        this.maxResultSize = maxResultSize;
    }

    Duration timeLimit() {
        return timeLimit;
    }

    DataSize memoryLimit() {
        return memoryLimit;
    }

    int threads() {
        return threads;
    }

    DataSize maxTempSize() {
        return maxTempSize;
    }

    Path tempDir() {
        return tempDir;
    }

    int maxCells() {
        return maxCells;
    }

    int maxRows() {
        return maxRows;
    }

    int maxSqlLength() {
        return maxSqlLength;
    }

    int countNoiseBound() {
        return countNoiseBound;
    }

    int ledgerComparisons() {
        return ledgerComparisons;
    }

    /** Characters one statement may hand to Java, and the longest single row (as text) DuckDB may produce. */
    DataSize maxResultSize() {
        return maxResultSize;
    }
}
