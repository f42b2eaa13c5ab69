/**
 * Organizations with their credentials (USCC, credit status, security incidents), users, roles and
 * permissions, login with a second factor, sessions, and the separation of duties (三权分立).
 */
@ApplicationModule(allowedDependencies = {"audit", "shared"})
@NullMarked
package org.pdao.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
