package org.pdao.catalog.internal;

/** The opening attribute of a resource (开放属性, TZM-16): 无条件开放 / 有条件开放 / 不予开放. */
enum OpeningAttribute {
    UNCONDITIONAL, CONDITIONAL, NOT_OPEN;

    /** Conditional and not-open data need a legal basis and a periodic review (TZM-16/17). */
    boolean restricted() {
        return this != UNCONDITIONAL;
    }
}
