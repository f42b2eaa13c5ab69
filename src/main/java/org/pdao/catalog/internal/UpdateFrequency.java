package org.pdao.catalog.internal;

/** How often a resource is updated (更新频率). */
enum UpdateFrequency { REAL_TIME, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY, ON_DEMAND }
