package org.pdao.jurisdiction;

import java.util.List;
import java.util.Optional;

/** All jurisdiction profiles, loaded and validated at startup, and the active one ({@code pdao.jurisdiction.active}). */
public interface JurisdictionProfiles {

    List<JurisdictionProfile> all();

    Optional<JurisdictionProfile> find(String id);

    /** The profile with this id; an unknown id is refused with a 404 problem. */
    JurisdictionProfile require(String id);

    JurisdictionProfile active();
}
