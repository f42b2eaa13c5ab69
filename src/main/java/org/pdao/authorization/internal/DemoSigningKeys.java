package org.pdao.authorization.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.pdao.shared.crypto.Sm2;
import org.pdao.shared.crypto.Sm3;

/**
 * The demo city's SM2 key pairs, derived from the demo organization key (as in {@code DemoOrganizations}):
 * private key = SM3("pdao-demo-sm2-" + key). They are public knowledge and exist so that a demo user can
 * sign an agreement (see {@code docs/authorization.md} and {@code scripts/sm2-sign}); outside demo mode no
 * such key is registered.
 */
public final class DemoSigningKeys {

    private DemoSigningKeys() {}

    public static byte[] privateKey(String demoOrganizationKey) {
        return Sm3.digest(("pdao-demo-sm2-" + demoOrganizationKey).getBytes(StandardCharsets.UTF_8));
    }

    public static String privateKeyHex(String demoOrganizationKey) {
        return HexFormat.of().formatHex(privateKey(demoOrganizationKey));
    }

    public static String publicKeyHex(String demoOrganizationKey) {
        return Sm2.toHex(Sm2.publicKeyOf(privateKey(demoOrganizationKey)));
    }

    /** Signs the SM3 digest (hex) of a canonical agreement text as a party does; the DER signature in hex. */
    public static String sign(byte[] privateKey, String textSm3Hex) {
        return HexFormat.of().formatHex(Sm2.sign(privateKey, HexFormat.of().parseHex(textSm3Hex)));
    }
}
