package org.pdao.audit.internal;

import java.sql.Timestamp;
import java.time.Clock;
import org.bouncycastle.util.encoders.Hex;
import org.pdao.shared.crypto.MasterKey;
import org.pdao.shared.crypto.Sm2;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The platform's SM2 signing key pair: generated on first start, its private key stored sealed
 * under the {@link MasterKey} in {@code audit_signing_key}, its public key published.
 */
@Component
class PlatformSigningKey {

    private static final String ID = "platform";
    private static final String PURPOSE = "audit.signing-key";

    private final byte[] privateKey;
    private final byte[] publicKey;

    PlatformSigningKey(JdbcClient jdbc, MasterKey master, Clock clock) {
        var sealed = jdbc.sql("select sealed_private_key from audit_signing_key where id = ?").param(ID)
                .query(String.class).optional();
        if (sealed.isPresent()) {
            this.privateKey = master.open(PURPOSE, sealed.get());
        } else {
            Sm2.KeyPair pair = Sm2.generate();
            jdbc.sql("insert into audit_signing_key (id, public_key, sealed_private_key, created_at) values (?, ?, ?, ?)")
                    .params(ID, Sm2.toHex(pair.publicKey()), master.seal(PURPOSE, pair.privateKey()),
                            Timestamp.from(clock.instant()))
                    .update();
            this.privateKey = pair.privateKey();
        }
        this.publicKey = Sm2.publicKeyOf(privateKey);
    }

    byte[] sign(byte[] message) {
        return Sm2.sign(privateKey, message);
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    String publicKeyHex() {
        return Hex.toHexString(publicKey);
    }
}
