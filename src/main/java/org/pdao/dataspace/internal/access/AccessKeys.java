package org.pdao.dataspace.internal.access;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pdao.shared.crypto.MasterKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Platform secrets of the access part (e.g. the key that digests ID numbers of consent records), sealed under the master key. */
@Component
class AccessKeys {

    static final String CONSENT_DIGEST = "dataspace.consent-digest";

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    AccessKeys(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /** The key for {@code purpose}, created (and sealed) on first use. */
    byte[] key(String purpose) {
        return cache.computeIfAbsent(purpose, p -> stored(p).orElseGet(() -> {
            byte[] fresh = newKey();
            try {
                jdbc.sql("insert into dataspace_access_key (purpose, sealed_key, created_at) values (?, ?, ?)")
                        .params(p, masterKey.seal(p, fresh), Timestamp.from(clock.instant())).update();
                return fresh;
            } catch (DuplicateKeyException raced) {
                return stored(p).orElseThrow();
            }
        })).clone();
    }

    byte[] newKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    String seal(String purpose, byte[] key) {
        return masterKey.seal(purpose, key);
    }

    byte[] open(String purpose, String sealed) {
        return masterKey.open(purpose, sealed);
    }

    private Optional<byte[]> stored(String purpose) {
        return jdbc.sql("select sealed_key from dataspace_access_key where purpose = ?").param(purpose)
                .query(String.class).optional().map(s -> masterKey.open(purpose, s));
    }
}
