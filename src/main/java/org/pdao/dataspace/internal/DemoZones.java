package org.pdao.dataspace.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.SyntheticCity;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.ZoneIndustry;
import org.pdao.dataspace.ZoneKind;
import org.pdao.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo city's zones: a comprehensive zone (综合专区) supervised by the city data authority and run
 * by the demo operator, loaded with the synthetic city, and a medical industry zone supervised by the
 * health commission. Each dataset is tied to the demo catalog's resource that describes it (loaded
 * before, by the catalog's demo), whose fields give the grades and the person key. Idempotent: existing zones are kept, and once the city is loaded nothing is written
 * again (not even an audit entry), so a second start is quick and leaves no trace.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class DemoZones implements ApplicationRunner {

    static final String COMPREHENSIVE = "TZ-COMPREHENSIVE";
    static final String MEDICAL = "TZ-MEDICAL";
    private static final long SEED = 20_260_101L;
    private static final Logger log = LoggerFactory.getLogger(DemoZones.class);

    private final ZoneRegistry zones;
    private final DatasetIngestion ingestion;
    private final JdbcClient jdbc;
    private final org.pdao.identity.OrganizationDirectory organizations;
    private final DataspaceSettings settings;
    private final CatalogDirectory catalog;
    private final int residents;

    DemoZones(ZoneRegistry zones, DatasetIngestion ingestion, JdbcClient jdbc, DataspaceSettings settings,
            org.pdao.identity.OrganizationDirectory organizations, CatalogDirectory catalog,
            @Value("${pdao.demo.residents:5000}") int residents) {
        this.catalog = catalog;
        this.organizations = organizations;
        this.zones = zones;
        this.ingestion = ingestion;
        this.jdbc = jdbc;
        this.settings = settings;
        this.residents = Math.min(20_000, residents);
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Optional<UUID> authority = organization(org.pdao.identity.DemoOrganizations.CITY_AUTHORITY);
        Optional<UUID> health = organization(org.pdao.identity.DemoOrganizations.HEALTH_REGULATOR);
        Optional<UUID> operator = organization(org.pdao.identity.DemoOrganizations.OPERATOR);
        if (authority.isEmpty() || health.isEmpty() || operator.isEmpty()) {
            log.warn("demo organizations missing; no demo zones");
            return;
        }
        Zone comprehensive = zones.findByCode(COMPREHENSIVE).orElseGet(() -> zones.create(new ZoneRegistry.NewZone(
                COMPREHENSIVE, "综合专区", "Comprehensive zone", ZoneKind.COMPREHENSIVE, null, authority.get(),
                operator.get())));
        zones.findByCode(MEDICAL).orElseGet(() -> zones.create(new ZoneRegistry.NewZone(MEDICAL, "医疗健康专区",
                "Medical zone", ZoneKind.INDUSTRY, ZoneIndustry.MEDICAL, health.get(), operator.get())));
        long loaded = jdbc.sql("select count(*) from dataspace_dataset where zone_id = ?").param(comprehensive.id())
                .query(Long.class).single();
        if (loaded >= datasets().size()) {
            return;
        }
        Map<String, CatalogResourceView> resources = new LinkedHashMap<>();
        for (Map.Entry<String, String> dataset : datasets().entrySet()) {
            Optional<CatalogResourceView> resource = catalog.resourceNamed(
                    org.pdao.identity.DemoOrganizations.HRSS_SOURCE_UNIT, dataset.getValue());
            if (resource.isEmpty()) {
                log.warn("demo catalog resource {} missing; the demo city is not loaded", dataset.getValue());
                return;
            }
            resources.put(dataset.getKey(), resource.get());
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(settings.uploadDir()), "demo-city");
        try {
            SyntheticCity.generate(SEED, residents, dir);
            Actor actor = Actor.system();
            for (Map.Entry<String, CatalogResourceView> dataset : resources.entrySet()) {
                String file = dataset.getKey();
                try (InputStream in = Files.newInputStream(dir.resolve(file))) {
                    ingestion.startUpload(comprehensive, in, DatasetIngestion.UploadFormat.CSV, "UTF-8",
                            new DatasetIngestion.Request(file.replace(".csv", ""), dataset.getValue().id(), null,
                                    Map.of()), actor, false);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(DemoZones::delete);
            }
        }
    }

    private Optional<UUID> organization(UUID id) {
        return organizations.find(id).map(org.pdao.identity.OrganizationSummary::id);
    }

    /** The synthetic city's files and the demo catalog's resources that describe them (grades and person keys come from there). */
    private static Map<String, String> datasets() {
        Map<String, String> resources = new LinkedHashMap<>();
        resources.put(SyntheticCity.RESIDENTS, "居民基本信息");
        resources.put(SyntheticCity.ENTERPRISES, "企业登记信息");
        resources.put(SyntheticCity.SOCIAL_INSURANCE, "社会保险缴费记录");
        resources.put(SyntheticCity.MEDICAL_VISITS, "医疗就诊记录");
        return resources;
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
