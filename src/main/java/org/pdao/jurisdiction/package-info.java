/**
 * Jurisdiction profiles (the numbers and switches of each regulation, each with its article) and the working-day calendar with statutory holidays and make-up working days.
 */
@ApplicationModule(allowedDependencies = {"shared"})
@NullMarked
package org.pdao.jurisdiction;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
