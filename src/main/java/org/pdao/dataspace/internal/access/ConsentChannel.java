package org.pdao.dataspace.internal.access;

/** How a data subject gave or withdrew a consent (NJ-16). */
enum ConsentChannel {
    APP, WEB, COUNTER, PAPER, PHONE, IMPORT
}
