package org.pdao.dataspace.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.LoadProgress;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.ZoneIndustry;
import org.pdao.dataspace.ZoneKind;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/zones")
@Tag(name = "zones", description = "数据专区与数据集导入 / data zones and dataset ingestion")
class ZoneController {

    record ZoneRequest(@NotBlank @Size(max = 40) String code, @NotBlank @Size(max = 200) String nameZh,
            @NotBlank @Size(max = 200) String nameEn, @NotNull ZoneKind kind, @Nullable ZoneIndustry industry,
            @NotNull UUID supervisorOrganizationId, @NotNull UUID operatorOrganizationId) {}

    private final ZoneRegistry zones;
    private final DatasetIngestion ingestion;
    private final SourceDatabases sources;

    ZoneController(ZoneRegistry zones, DatasetIngestion ingestion, SourceDatabases sources) {
        this.zones = zones;
        this.ingestion = ingestion;
        this.sources = sources;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('ZONE_MANAGE')")
    @Operation(summary = "Create a zone (专区) with its encrypted raw store")
    Zone create(@Valid @RequestBody ZoneRequest request) {
        return zones.create(new ZoneRegistry.NewZone(request.code(), request.nameZh(), request.nameEn(),
                request.kind(), request.industry(), request.supervisorOrganizationId(),
                request.operatorOrganizationId()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('ZONE_READ')")
    @Operation(summary = "List zones, paged")
    Page<Zone> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return zones.list(page, size);
    }

    @PostMapping(path = "/{id}/datasets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('DATASET_INGEST')")
    @Operation(summary = "Load a file (CSV in UTF-8 or GBK, Parquet, Excel .xlsx) for a catalog resource into the "
            + "zone's raw store, in the background (operator of the zone); grades default to the catalog's and may "
            + "only be raised")
    LoadProgress ingest(@PathVariable UUID id, @RequestParam("file") MultipartFile file,
            @RequestParam("name") String name, @RequestParam("resourceId") UUID resourceId,
            @RequestParam(name = "personKey", required = false) @Nullable String personKey,
            @RequestParam(name = "grades", required = false) @Nullable String grades,
            @RequestParam(name = "format", required = false) @Nullable String format,
            @RequestParam(defaultValue = "UTF-8") String encoding) {
        Zone zone = operatedZone(id);
        DatasetIngestion.UploadFormat kind = DatasetIngestion.UploadFormat.of(format, file.getOriginalFilename());
        DatasetIngestion.Request request = new DatasetIngestion.Request(name, resourceId, personKey,
                DatasetIngestion.parseGrades(grades));
        try {
            return ingestion.startUpload(zone, file.getInputStream(), kind, encoding.toUpperCase(java.util.Locale.ROOT),
                    request, Actors.required(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/{id}/datasets")
    @PreAuthorize("hasAuthority('ZONE_READ')")
    @Operation(summary = "The zone's datasets: name, catalog resource, person key, column grades, rows, quality "
            + "counts, SM3, loaded at (never values), paged")
    Page<DatasetIngestion.DatasetView> datasets(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        zones.require(id);
        return ingestion.datasets(id, page, size);
    }

    record SourceRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 500) String url,
            @NotBlank @Size(max = 100) String username, @NotNull @Size(max = 200) String password) {}

    @PostMapping("/{id}/sources")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('DATASET_INGEST')")
    @Operation(summary = "Register a source unit's PostgreSQL database (jdbc:postgresql: only; password sealed "
            + "with SM4, never shown again)")
    SourceDatabases.SourceDatabase registerSource(@PathVariable UUID id, @Valid @RequestBody SourceRequest request) {
        operatedZone(id);
        return sources.register(id, request.name(), request.url(), request.username(), request.password(),
                Actors.required());
    }

    @GetMapping("/{id}/sources")
    @PreAuthorize("hasAuthority('DATASET_INGEST')")
    @Operation(summary = "The zone's registered source databases (without passwords), paged")
    Page<SourceDatabases.SourceDatabase> sources(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        operatedZone(id);
        return sources.list(id, page, size);
    }

    record DatabaseLoadRequest(@NotBlank @Size(max = 63) String name, @NotNull UUID resourceId,
            @NotBlank @Size(max = 20000) String relation, @Nullable String personKey,
            @Nullable Map<String, Integer> grades) {}

    @PostMapping("/{id}/sources/{sourceId}/loads")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('DATASET_INGEST')")
    @Operation(summary = "Load a table or one read-only SELECT from a registered source database for a catalog "
            + "resource, in the background (streamed, all or nothing, SM3 digest over the rows)")
    LoadProgress ingestFromSource(@PathVariable UUID id, @PathVariable UUID sourceId,
            @Valid @RequestBody DatabaseLoadRequest request) {
        Zone zone = operatedZone(id);
        return ingestion.startFromDatabase(zone, sources.open(id, sourceId), request.relation(),
                new DatasetIngestion.Request(request.name(), request.resourceId(), request.personKey(),
                        request.grades() == null ? Map.of() : request.grades()),
                Actors.required(), true);
    }

    @GetMapping("/{id}/loads/{loadId}")
    @PreAuthorize("hasAuthority('DATASET_INGEST')")
    @Operation(summary = "Progress of a load: rows, percent of bytes, rows per second, state")
    LoadProgress load(@PathVariable UUID id, @PathVariable UUID loadId) {
        operatedZone(id);
        return ingestion.progress(id, loadId);
    }

    private Zone operatedZone(UUID id) {
        Zone zone = zones.require(id);
        Actor actor = Actors.required();
        if (!zone.operatorOrganizationId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "dataspace.zone.not-operator", null);
        }
        return zone;
    }
}
