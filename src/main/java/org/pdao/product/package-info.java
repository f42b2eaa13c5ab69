/**
 * Data products: evaluation and review, publication as metered APIs, keys, quotas, pricing, billing and revenue sharing.
 */
@NullMarked
package org.pdao.product;

import org.jspecify.annotations.NullMarked;
