package org.pdao.shared.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's SM4 key-encryption key. Every other key (zone stores, TOTP secrets, uploaded
 * files) is wrapped under it. It comes from {@code pdao.crypto.master-key} (32 hex digits, e.g. from
 * a secrets manager) or, failing that, from a file that is created with owner-only permissions on
 * first start ({@code pdao.crypto.master-key-file}, default {@code ./data/keys/master.key}).
 */
@Component
public class MasterKey {

    private final byte[] key;

    MasterKey(@Value("${pdao.crypto.master-key:}") String hexKey,
            @Value("${pdao.crypto.master-key-file:./data/keys/master.key}") String file) {
        this.key = hexKey.isBlank() ? fromFile(Path.of(file)) : HexFormat.of().parseHex(hexKey.trim());
        if (key.length != Sm4.KEY_LENGTH) {
            throw new IllegalStateException("the master key must be 16 bytes (32 hex digits)");
        }
    }

    /** Encrypts a secret under the master key; {@code purpose} binds it to its use. */
    public String seal(String purpose, byte[] secret) {
        return Base64.getEncoder().encodeToString(
                Sm4.encrypt(key, secret, purpose.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] open(String purpose, String sealed) {
        return Sm4.decrypt(key, Base64.getDecoder().decode(sealed), purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fromFile(Path path) {
        try {
            if (Files.exists(path)) {
                return HexFormat.of().parseHex(Files.readString(path).trim());
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            byte[] fresh = Sm4.newKey();
            Files.writeString(path, HexFormat.of().formatHex(fresh));
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + path, e);
        }
    }
}
