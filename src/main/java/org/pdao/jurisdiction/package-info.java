/**
 * Jurisdiction profiles (the numbers and switches of each regulation, each with its article) and the working-day calendar with statutory holidays and make-up working days.
 */
@NullMarked
package org.pdao.jurisdiction;

import org.jspecify.annotations.NullMarked;
