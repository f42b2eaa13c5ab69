package org.pdao.dataspace.internal.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One person's consent for one scenario (NJ-16). The person is known only by a keyed SM3 digest of the ID
 * number; the number itself is never stored.
 */
record ConsentRecord(UUID id, String personDigest, String scenario, ConsentState state, Instant givenAt,
        ConsentChannel givenChannel, @Nullable Instant withdrawnAt, @Nullable ConsentChannel withdrawnChannel) {

    boolean given() {
        return state == ConsentState.GIVEN;
    }
}
