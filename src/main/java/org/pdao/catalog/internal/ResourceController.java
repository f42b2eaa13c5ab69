package org.pdao.catalog.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.web.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/catalog/resources")
@Tag(name = "catalog", description = "公共数据资源目录 / public data resource catalog")
class ResourceController {

    record Review(@Nullable String note) {}

    record Registration(UUID resourceId, String registrationNo) {}

    record Imported(int resources, int fields, List<UUID> ids) {}

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ResourceCatalog catalog;
    private final CatalogImport importer;
    private final Registrar registrar;
    private final ProblemWriter problems;
    private final CatalogArticles articles;

    ResourceController(ResourceCatalog catalog, CatalogImport importer, Registrar registrar, ProblemWriter problems,
            CatalogArticles articles) {
        this.articles = articles;
        this.catalog = catalog;
        this.importer = importer;
        this.registrar = registrar;
        this.problems = problems;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    @Operation(summary = "List resource-catalog entries, filtered by source unit and domain, paged")
    Page<Resource> list(@RequestParam(required = false) @Nullable UUID sourceUnitId,
            @RequestParam(required = false) @Nullable String domain, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return catalog.page(sourceUnitId, domain, page, size);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CATALOG_MAINTAIN')")
    @Operation(summary = "Create an entry; conditional/not shared or open need a legal basis (TZM-14, TZM-16)")
    Resource create(@RequestBody ResourceInput input) {
        return catalog.create(Actors.required(), input);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    Resource show(@PathVariable UUID id) {
        return catalog.require(id);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('CATALOG_MAINTAIN')")
    @Operation(summary = "Change an entry; makes a new version, old versions stay readable")
    Resource update(@PathVariable UUID id, @RequestBody ResourceInput input) {
        return catalog.update(Actors.required(), id, input);
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    List<Resources.VersionInfo> versions(@PathVariable UUID id) {
        return catalog.versions(id);
    }

    @GetMapping("/{id}/versions/{version}")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    JsonNode version(@PathVariable UUID id, @PathVariable int version) {
        return catalog.version(id, version);
    }

    @GetMapping("/opening-reviews")
    @PreAuthorize("hasAuthority('CATALOG_MAINTAIN')")
    @Operation(summary = "Entries whose opening attribute is due for its periodic review (TZM-17)")
    List<Resource> dueForReview(@RequestParam(required = false) @Nullable LocalDate dueBy) {
        return catalog.dueForReview(Actors.required(), dueBy);
    }

    @PostMapping("/{id}/opening-review")
    @PreAuthorize("hasAuthority('CATALOG_MAINTAIN')")
    @Operation(summary = "Record the periodic review of the opening attribute (TZM-17)")
    Resource review(@PathVariable UUID id, @RequestBody(required = false) @Nullable Review review) {
        return catalog.recordOpeningReview(Actors.required(), id, review == null ? null : review.note());
    }

    @PostMapping("/{id}/registration")
    @PreAuthorize("hasAuthority('CATALOG_REGISTER')")
    @Operation(summary = "Register a resource in scope retroactively (公共数据资源登记, 补充登记)")
    Registration register(@PathVariable UUID id) {
        return new Registration(id, registrar.registerRetroactively(id));
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('CATALOG_MAINTAIN')")
    @Operation(summary = "Import a spreadsheet (.xlsx or CSV in UTF-8/GBK), all or nothing; 422 lists every bad row")
    ResponseEntity<?> importSheet(@RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Nullable UUID sourceUnitId,
            @RequestParam(required = false) @Nullable String encoding, HttpServletRequest request) throws IOException {
        if (file.isEmpty()) {
            throw ProblemException.badRequest("catalog.import.empty");
        }
        if (file.getSize() > CatalogSheet.MAX_BYTES) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "problem.too-large", null);
        }
        CatalogImport.Outcome outcome = importer.importSheet(Actors.required(), sourceUnitId, file.getBytes(),
                file.getOriginalFilename(), encoding);
        if (outcome.rejected()) {
            ProblemDetail problem = problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "catalog.import.rejected",
                    new Object[] {outcome.errors().stream().map(CatalogImport.RowError::row).distinct().count()},
                    articles.attributes(), request.getRequestURI());
            problem.setProperty("errors", outcome.errors());
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        List<UUID> ids = new ArrayList<>();
        int fields = 0;
        for (Resource r : outcome.imported()) {
            ids.add(r.id());
            fields += r.fields().size();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new Imported(ids.size(), fields, ids));
    }

    @GetMapping("/template.xlsx")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    @Operation(summary = "The import template: header row and a sheet explaining the values")
    ResponseEntity<byte[]> template() {
        return file(CatalogSheet.xlsx(List.of()), XLSX, "catalog-template.xlsx");
    }

    @GetMapping("/export.xlsx")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    ResponseEntity<byte[]> exportXlsx(@RequestParam(required = false) @Nullable UUID sourceUnitId) {
        return file(CatalogSheet.xlsx(all(sourceUnitId)), XLSX, "catalog.xlsx");
    }

    @GetMapping("/export.csv")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    ResponseEntity<byte[]> exportCsv(@RequestParam(required = false) @Nullable UUID sourceUnitId) {
        return file(CatalogSheet.csv(all(sourceUnitId)), new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                "catalog.csv");
    }

    private List<Resource> all(@Nullable UUID sourceUnitId) {
        List<Resource> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<Resource> p = catalog.page(sourceUnitId, null, page, Page.MAX_SIZE);
            out.addAll(p.items());
            if (p.items().size() < Page.MAX_SIZE || out.size() >= CatalogSheet.MAX_ROWS) {
                return out;
            }
        }
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(body);
    }

}
