package org.pdao.catalog.internal;

import java.time.LocalDate;

/** A source unit's recorded consent to use its data from another region or department (JL-5). */
record Consent(String grantedBy, LocalDate grantedOn, String documentRef) {}
