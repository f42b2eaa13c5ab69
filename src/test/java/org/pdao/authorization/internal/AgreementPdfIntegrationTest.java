package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDCIDFont;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The agreement renders as a PDF in Chinese: its text extracts with the clause titles and parties, the CJK font is embedded as a subset. */
@Import(AuthorizationTestConfiguration.class)
class AgreementPdfIntegrationTest extends ApiTest {

    @Test
    void rendersTheSignedAgreementInChineseWithTheCjkFontEmbedded() throws Exception {
        String operator = login("operator");
        JsonNode agreement = null;
        for (JsonNode a : api.get("/api/v1/agreements?state=EFFECTIVE&tier=OPERATOR", operator).json().path("items")) {
            agreement = a;
        }
        assertThat(agreement).as("the demo operator agreement").isNotNull();
        String id = agreement.path("id").asString();
        Map.Entry<Integer, byte[]> pdf = api.download("/api/v1/agreements/" + id + "/pdf", operator);
        assertThat(pdf.getKey()).isEqualTo(200);
        byte[] bytes = pdf.getValue();
        java.nio.file.Files.write(java.nio.file.Path.of("target", "agreement-sample.pdf"), bytes); // for a person to look at
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes.length).as("a subset, not the whole 10 MB font").isLessThan(1_500_000);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("公共数据授权运营协议", agreement.path("grantorName").asString(),
                    agreement.path("partyName").asString(), agreement.path("number").asString());
            List<String> titles = new ArrayList<>();
            agreement.path("clauses").forEach(c -> titles.add(c.path("title").asString()));
            assertThat(titles).isNotEmpty();
            for (String title : titles) {
                assertThat(text.replace("\n", "").replace("\r", "")).contains(title);
            }
            assertThat(text).contains("以 SM2 签署");
            boolean embedded = false;
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font).isInstanceOf(PDType0Font.class);
                    PDCIDFont descendant = ((PDType0Font) font).getDescendantFont();
                    assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
                    embedded |= font.isEmbedded() && descendant.getFontDescriptor().getFontFile2() != null;
                }
            }
            assertThat(embedded).isTrue();
        }
        Api.Response stranger = api.get("/api/v1/agreements/" + id + "/pdf", login("consumer"));
        assertThat(stranger.status()).isIn(403, 404);
    }
}
