package org.pdao.identity;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The fixed ids of the demo city's organizations, so that other modules' demo data can refer to
 * them without reading identity's tables. They exist only when the demo city is loaded
 * ({@code pdao.demo.enabled=true}); look them up through {@link OrganizationDirectory} before use.
 */
public final class DemoOrganizations {

    public static final UUID PROVINCE_AUTHORITY = id("province");
    public static final UUID CITY_AUTHORITY = id("city");
    public static final UUID COUNTY_AUTHORITY = id("county");
    public static final UUID HEALTH_REGULATOR = id("health");
    public static final UUID IMPLEMENTING_AGENCY = id("agency");
    public static final UUID HRSS_SOURCE_UNIT = id("hrss");
    public static final UUID OPERATOR = id("operator");
    public static final UUID DEVELOPER = id("developer");
    public static final UUID BANK = id("bank");
    public static final UUID EXPERTS = id("experts");
    public static final UUID CYBERSPACE_SUPERVISOR = id("cac");
    public static final UUID PLATFORM = id("platform");

    private DemoOrganizations() {}

    /** The id of the demo organization with this key (the keys of {@code DemoAccounts}). */
    public static UUID id(String key) {
        return UUID.nameUUIDFromBytes(("pdao-demo-org-" + key).getBytes(StandardCharsets.UTF_8));
    }
}
