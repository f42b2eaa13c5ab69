package org.pdao.shared.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.bouncycastle.util.encoders.Hex;

/**
 * SM2 signatures (GB/T 32918, curve sm2p256v1) with SM3 and the standard user id
 * {@code 1234567812345678} (GB/T 35276). Private keys are the 32-byte scalar; public keys the
 * 65-byte uncompressed point ({@code 04 || x || y}), shown as hex or as an X.509 PEM.
 */
public final class Sm2 {

    /** The default distinguishing identifier of GB/T 35276-2017. */
    public static final byte[] DEFAULT_USER_ID = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    private static final X9ECParameters CURVE = GMNamedCurves.getByName("sm2p256v1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair: the private scalar (32 bytes) and the uncompressed public point (65 bytes). */
    public record KeyPair(byte[] privateKey, byte[] publicKey) {}

    private Sm2() {}

    public static KeyPair generate() {
        BigInteger d;
        do {
            d = BigIntegers.createRandomInRange(BigInteger.ONE, DOMAIN.getN().subtract(BigInteger.ONE), RANDOM);
        } while (d.signum() == 0);
        byte[] priv = BigIntegers.asUnsignedByteArray(32, d);
        return new KeyPair(priv, publicKeyOf(priv));
    }

    public static byte[] publicKeyOf(byte[] privateKey) {
        return DOMAIN.getG().multiply(new BigInteger(1, privateKey)).normalize().getEncoded(false);
    }

    /** Signs with SM2/SM3 and the standard user id; the signature is DER-encoded (r, s). */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        SM2Signer signer = new SM2Signer();
        ECPrivateKeyParameters key = new ECPrivateKeyParameters(new BigInteger(1, privateKey), DOMAIN);
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, RANDOM), DEFAULT_USER_ID));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** True when {@code signature} is a valid SM2 signature of {@code message} under {@code publicKey}. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            ECPoint point = CURVE.getCurve().decodePoint(publicKey);
            SM2Signer signer = new SM2Signer();
            signer.init(false, new ParametersWithID(new ECPublicKeyParameters(point, DOMAIN), DEFAULT_USER_ID));
            signer.update(message, 0, message.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static String toHex(byte[] publicKey) {
        return Hex.toHexString(publicKey);
    }

    /** A public key from its hex form or its PEM form. */
    public static byte[] parsePublicKey(String text) {
        String t = text.trim();
        if (t.startsWith("-----BEGIN")) {
            String body = t.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(Base64.getDecoder().decode(body));
            return info.getPublicKeyData().getBytes();
        }
        byte[] key = Hex.decode(t);
        CURVE.getCurve().decodePoint(key);
        return key;
    }

    /** The public key as an X.509 SubjectPublicKeyInfo PEM (id-ecPublicKey on sm2p256v1). */
    public static String toPem(byte[] publicKey) {
        try {
            SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                    X9ObjectIdentifiers.id_ecPublicKey, (ASN1ObjectIdentifier) GMObjectIdentifiers.sm2p256v1),
                    publicKey);
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(info.getEncoded());
            return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode the SM2 public key", e);
        }
    }
}
