package org.pdao.dataspace.internal;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Where the zones' encrypted raw stores and pending uploads live ({@code pdao.dataspace.store-dir}). */
@Component
class DataspaceSettings {

    private final Path storeDir;

    DataspaceSettings(@Value("${pdao.dataspace.store-dir:./data/zones}") String storeDir) {
        this.storeDir = Path.of(storeDir).toAbsolutePath();
    }

    Path storeDir() {
        return storeDir;
    }

    Path uploadDir() {
        return storeDir.resolve("uploads");
    }
}
