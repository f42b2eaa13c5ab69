package org.pdao.support;

import java.util.concurrent.ThreadLocalRandom;
import org.pdao.identity.Uscc;

/** Fresh, valid values so that tests sharing one database never collide. */
public final class TestData {

    private static final String BODY_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private TestData() {}

    public static String uscc() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            body.append(BODY_CHARS.charAt(ThreadLocalRandom.current().nextInt(BODY_CHARS.length())));
        }
        return Uscc.compose('9', '1', "321200", body.toString()).value();
    }

    public static String username(String prefix) {
        return prefix + "." + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }
}
