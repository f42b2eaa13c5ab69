/**
 * Building blocks every module may use: problem details, rule references, the acting user and
 * the national cryptographic algorithms (SM2/SM3/SM4).
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package org.pdao.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
