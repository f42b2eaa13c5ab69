/**
 * Implementation plans, announcements, applications, selection and review, agreements with their clauses and terms, filing chains, developer onboarding, renewal and expiry.
 */
@ApplicationModule(allowedDependencies = {"shared", "audit", "identity", "jurisdiction"})
@NullMarked
package org.pdao.authorization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
