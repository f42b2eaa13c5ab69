package org.pdao.dataspace.internal.gate.watermark;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.pdao.shared.crypto.MasterKey;
import org.pdao.shared.crypto.Sm3;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform watermark key (created on first use, sealed under the master key) and the key of each recipient's
 * copy of a result derived from it: HMAC-SM3(watermark key, result id, user id). The same recipient gets the same
 * marks however often and in whichever format they download, so their own copies give nothing to average.
 */
@Component
public class WatermarkKeys {

    static final String PURPOSE = "dataspace.gate.watermark";

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final Clock clock;
    private final AtomicReference<byte[]> cached = new AtomicReference<>();

    WatermarkKeys(JdbcClient jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.clock = clock;
    }

    /** The key of {@code recipient}'s copy of {@code resultId}. */
    public byte[] issueKey(UUID resultId, UUID recipient) {
        return Sm3.hmac(key(), ("issue:" + resultId + ":" + recipient).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] key() {
        byte[] key = cached.get();
        if (key == null) {
            key = stored();
            if (key == null) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    jdbc.sql("insert into dataspace_gate_key (purpose, sealed_key, created_at) values (?, ?, ?)")
                            .params(PURPOSE, masterKey.seal(PURPOSE, fresh), Timestamp.from(clock.instant())).update();
                    key = fresh;
                } catch (DuplicateKeyException raced) {
                    key = stored();
                }
            }
            cached.set(key);
        }
        return key;
    }

    private byte[] stored() {
        return jdbc.sql("select sealed_key from dataspace_gate_key where purpose = ?").param(PURPOSE)
                .query(String.class).optional().map(s -> masterKey.open(PURPOSE, s)).orElse(null);
    }
}
