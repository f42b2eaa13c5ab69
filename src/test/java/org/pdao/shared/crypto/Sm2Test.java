package org.pdao.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sm2Test {

    private final byte[] message = "授权运营协议".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesUnderItsPublicKey() {
        Sm2.KeyPair pair = Sm2.generate();
        byte[] signature = Sm2.sign(pair.privateKey(), message);
        assertThat(Sm2.verify(pair.publicKey(), message, signature)).isTrue();
        assertThat(pair.publicKey()).hasSize(65).startsWith((byte) 4);
    }

    @Test
    void rejectsAChangedMessageOrAnotherKey() {
        Sm2.KeyPair pair = Sm2.generate();
        byte[] signature = Sm2.sign(pair.privateKey(), message);
        byte[] changed = message.clone();
        changed[0] ^= 1;
        assertThat(Sm2.verify(pair.publicKey(), changed, signature)).isFalse();
        assertThat(Sm2.verify(Sm2.generate().publicKey(), message, signature)).isFalse();
        assertThat(Sm2.verify(pair.publicKey(), message, new byte[] {1, 2, 3})).isFalse();
    }

    @Test
    void publicKeysRoundTripThroughPemAndHex() {
        Sm2.KeyPair pair = Sm2.generate();
        String pem = Sm2.toPem(pair.publicKey());
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Sm2.parsePublicKey(pem)).isEqualTo(pair.publicKey());
        assertThat(Sm2.parsePublicKey(Sm2.toHex(pair.publicKey()))).isEqualTo(pair.publicKey());
        assertThat(Sm2.publicKeyOf(pair.privateKey())).isEqualTo(pair.publicKey());
    }

    @Test
    void verifiesASignatureMadeByTheJcaProviderWithTheStandardUserId() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        g.initialize(new java.security.spec.ECGenParameterSpec("sm2p256v1"));
        java.security.KeyPair kp = g.generateKeyPair();
        java.security.Signature s = java.security.Signature.getInstance("SM3withSM2",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        s.initSign(kp.getPrivate());
        s.update(message);
        byte[] signature = s.sign();
        byte[] pub = ((org.bouncycastle.jce.interfaces.ECPublicKey) kp.getPublic()).getQ().getEncoded(false);
        assertThat(Sm2.verify(pub, message, signature)).isTrue();
    }
}
