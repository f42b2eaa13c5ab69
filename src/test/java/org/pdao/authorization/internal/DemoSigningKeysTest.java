package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.pdao.shared.crypto.Sm2;
import org.pdao.shared.crypto.Sm3;

/** The demo keys and {@code scripts/sm2-sign} agree with the platform's SM2 verification. */
class DemoSigningKeysTest {

    @Test
    void demoSignatureOverTheDigestVerifiesUnderTheDemoPublicKey() {
        String digest = Sm3.hex("授权运营协议");
        String signature = DemoSigningKeys.sign(DemoSigningKeys.privateKey("operator"), digest);
        byte[] publicKey = HexFormat.of().parseHex(DemoSigningKeys.publicKeyHex("operator"));
        assertThat(Sm2.verify(publicKey, HexFormat.of().parseHex(digest), HexFormat.of().parseHex(signature))).isTrue();
        assertThat(Sm2.verify(publicKey, HexFormat.of().parseHex(Sm3.hex("另一文本")),
                HexFormat.of().parseHex(signature))).isFalse();
    }

    @Test
    void theSigningScriptProducesSignaturesThePlatformAccepts() throws Exception {
        Path script = Path.of("scripts/sm2-sign");
        assumeTrue(Files.isExecutable(script) && python3Available(), "python3 with SM3 needed for the script");
        String digest = Sm3.hex("协议文本");
        String publicKey = run(script.toString(), "--public", "developer");
        assertThat(publicKey).isEqualTo(DemoSigningKeys.publicKeyHex("developer"));
        String signature = run(script.toString(), "developer", digest);
        assertThat(Sm2.verify(HexFormat.of().parseHex(publicKey), HexFormat.of().parseHex(digest),
                HexFormat.of().parseHex(signature))).isTrue();
    }

    private static boolean python3Available() {
        try {
            return run("python3", "-c", "import hashlib; hashlib.new('sm3')").isEmpty();
        } catch (IOException | InterruptedException | IllegalStateException e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(out);
        }
        return out;
    }
}
