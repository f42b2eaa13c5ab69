package org.pdao.dataspace.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    ZoneController(ZoneRegistry zones, DatasetIngestion ingestion) {
        this.zones = zones;
        this.ingestion = ingestion;
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
    @Operation(summary = "Load a CSV file into the zone's raw store, in the background (operator of the zone)")
    LoadProgress ingest(@PathVariable UUID id, @RequestParam("file") MultipartFile file,
            @RequestParam("name") String name, @RequestParam("personKey") String personKey,
            @RequestParam("grades") String grades, @RequestParam(defaultValue = "UTF-8") String encoding) {
        Zone zone = operatedZone(id);
        try {
            return ingestion.start(zone, file.getInputStream(), new DatasetIngestion.Request(name, personKey,
                    encoding.toUpperCase(java.util.Locale.ROOT), DatasetIngestion.parseGrades(grades)),
                    Actors.required(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
