package org.pdao.jurisdiction;

import org.springframework.http.HttpStatus;
import org.pdao.shared.ProblemException;

/** Asked for a number or switch that the profile does not have (its regulation is silent), or of another type. */
public class MissingProfileEntry extends ProblemException {

    public MissingProfileEntry(String profileId, String key) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "jurisdiction.entry-missing", null, profileId, key);
    }

    MissingProfileEntry(String profileId, String key, String expectedType) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "jurisdiction.entry-wrong-type", null, profileId, key, expectedType);
    }
}
