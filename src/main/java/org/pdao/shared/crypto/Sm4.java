package org.pdao.shared.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907-2016) in GCM mode: authenticated encryption with a random 12-byte nonce that is
 * stored in front of the ciphertext. Tampering with the ciphertext makes {@link #decrypt} fail.
 */
public final class Sm4 {

    public static final int KEY_LENGTH = 16;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sm4() {}

    public static byte[] newKey() {
        byte[] key = new byte[KEY_LENGTH];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] encrypt(byte[] key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        GCMBlockCipher cipher = cipher(true, key, nonce, associatedData);
        byte[] out = new byte[NONCE_LENGTH + cipher.getOutputSize(plaintext.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
        int n = cipher.processBytes(plaintext, 0, plaintext.length, out, NONCE_LENGTH);
        try {
            cipher.doFinal(out, NONCE_LENGTH + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM4 encryption failed", e);
        }
        return out;
    }

    public static byte[] decrypt(byte[] key, byte[] sealed, byte[] associatedData) {
        if (sealed.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new IllegalArgumentException("ciphertext too short");
        }
        byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_LENGTH);
        GCMBlockCipher cipher = cipher(false, key, nonce, associatedData);
        byte[] out = new byte[cipher.getOutputSize(sealed.length - NONCE_LENGTH)];
        int n = cipher.processBytes(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("ciphertext was modified or the key is wrong");
        }
        return Arrays.copyOf(out, n);
    }

    private static GCMBlockCipher cipher(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("SM4 keys are 16 bytes");
        }
        GCMBlockCipher cipher = (GCMBlockCipher) GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associatedData));
        return cipher;
    }
}
