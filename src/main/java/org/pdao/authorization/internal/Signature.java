package org.pdao.authorization.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * One party's SM2 signature over the SM3 digest of a version's canonical text, with the public key it
 * was verified against when it was given.
 */
record Signature(UUID agreementId, int version, UUID organizationId, String textSm3, String signatureHex,
        String publicKeyHex, String signedBy, Instant signedAt) {}
