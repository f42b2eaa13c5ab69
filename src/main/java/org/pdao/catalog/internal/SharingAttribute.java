package org.pdao.catalog.internal;

/** The sharing attribute of a resource (共享属性, TZM-14): 无条件共享 / 有条件共享 / 不予共享. */
enum SharingAttribute {
    UNCONDITIONAL, CONDITIONAL, NOT_SHARED;

    boolean needsLegalBasis() {
        return this != UNCONDITIONAL;
    }
}
