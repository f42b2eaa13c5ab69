package org.pdao.catalog.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/catalog/search")
@Tag(name = "catalog search", description = "目录检索 / search over both catalogs")
class SearchController {

    private final CatalogSearch search;

    SearchController(CatalogSearch search) {
        this.search = search;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    @Operation(summary = "Search resources and published development entries (Chinese word segmentation), "
            + "filtered by domain, max grade, sharing, opening, source unit; with highlights")
    Page<SearchHit> search(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) CatalogDocument.@Nullable Kind kind,
            @RequestParam(required = false) @Nullable String domain,
            @RequestParam(required = false) @Nullable Integer maxGrade,
            @RequestParam(required = false) @Nullable SharingAttribute sharing,
            @RequestParam(required = false) @Nullable OpeningAttribute opening,
            @RequestParam(required = false) @Nullable UUID sourceUnitId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (q != null && q.length() > 200) {
            throw ProblemException.badRequest("catalog.search.query-too-long", 200);
        }
        if (maxGrade != null && Grade.ofLevel(maxGrade).isEmpty()) {
            throw ProblemException.badRequest("catalog.field.bad-grade");
        }
        var kinds = kind == null ? EnumSet.allOf(CatalogDocument.Kind.class) : EnumSet.of(kind);
        return search.search(Actors.required(), new SearchQuery(q, kinds, domain, maxGrade,
                sharing == null ? null : sharing.name(), opening == null ? null : opening.name(), sourceUnitId,
                Page.checkedPage(page), Page.checkedSize(size)));
    }
}
