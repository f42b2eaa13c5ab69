package org.pdao.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for end-to-end tests against the running application. */
public final class Api {

    public record Response(int status, JsonNode json, String body) {

        public String text(String field) {
            JsonNode node = json.path(field);
            return node.isMissingNode() || node.isNull() ? "" : node.asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String language;

    public Api(int port) {
        this("http://127.0.0.1:" + port, "zh-CN");
    }

    private Api(String base, String language) {
        this.base = base;
        this.language = language;
    }

    /** The same client asking for English messages. */
    public Api inEnglish() {
        return new Api(base, "en");
    }

    public Response get(String path, @Nullable String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, @Nullable String token, @Nullable Object body) {
        return send("POST", path, token, body);
    }

    public Response put(String path, @Nullable String token, @Nullable Object body) {
        return send("PUT", path, token, body);
    }

    public Response delete(String path, @Nullable String token) {
        return send("DELETE", path, token, null);
    }

    /** Posts one file as multipart/form-data (part name {@code file}). */
    public Response multipart(String path, @Nullable String token, String filename, byte[] content) {
        return multipart(path, token, java.util.Map.of(), filename, content);
    }

    /** A {@code multipart/form-data} POST with text fields and one file part named {@code file}. */
    public Response multipart(String path, @Nullable String token, java.util.Map<String, String> fields,
            String fileName, byte[] file) {
        String boundary = "pdao-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text.isBlank() ? JSON.missingNode() : parse(text), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs raw bytes (downloads), with the status. */
    public java.util.Map.Entry<Integer, byte[]> download(String path, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60)).header("Accept-Language", language).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return java.util.Map.entry(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response send(String method, String path, @Nullable String token, @Nullable Object body) {
        return send(method, path, token, body, java.util.Map.of());
    }

    /** A GET without a session, with these request headers (a product key, for instance). */
    public Response getWithHeaders(String path, java.util.Map<String, String> headers) {
        return send("GET", path, null, null, headers);
    }

    private Response send(String method, String path, @Nullable String token, @Nullable Object body,
            java.util.Map<String, String> headers) {
        try {
            String payload = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept-Language", language)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(payload));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text.isBlank() ? JSON.missingNode() : parse(text);
            return new Response(response.statusCode(), json, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return JSON.missingNode();
        }
    }
}
