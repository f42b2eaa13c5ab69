package org.pdao.product.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The product API product users call with their key instead of a session (no bearer token). */
@RestController
@Tag(name = "product-calls", description = "数据产品接口调用（凭产品密钥） / calling a data product with its key")
class ProductCallController {

    static final String KEY_HEADER = "X-PDAO-Product-Key";

    private final ProductCalls calls;

    ProductCallController(ProductCalls calls) {
        this.calls = calls;
    }

    @GetMapping("/api/v1/product-calls/{productId}")
    @Operation(summary = "Call a published product with its key: its figures, sources and dates (TZ-10), metered")
    ProductCalls.Answer call(@PathVariable UUID productId,
            @Parameter(description = "the product key") @RequestHeader(name = KEY_HEADER, required = false)
            @Nullable String key, HttpServletRequest request) {
        return calls.call(productId, key, request.getRemoteAddr());
    }
}
