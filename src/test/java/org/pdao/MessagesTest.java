package org.pdao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every message exists in Chinese and in English, in every module's bundle. */
class MessagesTest {

    @Test
    void chineseAndEnglishMessagesHaveTheSameKeys() throws IOException {
        assertSameKeys("messages.properties", "messages_en.properties");
        for (Resource chinese : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = chinese.getFilename();
            if (name != null && !name.endsWith("_en.properties")) {
                assertSameKeys("i18n/" + name, "i18n/" + name.replace(".properties", "_en.properties"));
            }
        }
    }

    /**
     * A message with arguments goes through {@link java.text.MessageFormat}, where a single apostrophe starts a
     * quoted section: the apostrophe disappears and every placeholder after it stays unfilled. Such messages
     * must write {@code ''} for an apostrophe.
     */
    @Test
    void messagesWithArgumentsDoubleTheirApostrophes() throws IOException {
        java.util.List<String> broken = new java.util.ArrayList<>();
        java.util.List<Resource> bundles = new java.util.ArrayList<>(java.util.List.of(
                new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")));
        bundles.addAll(java.util.List.of(
                new PathMatchingResourcePatternResolver().getResources("classpath*:messages*.properties")));
        for (Resource bundle : bundles) {
            Properties messages = new Properties();
            try (var in = new InputStreamReader(bundle.getInputStream(), StandardCharsets.UTF_8)) {
                messages.load(in);
            }
            for (String key : messages.stringPropertyNames()) {
                String text = messages.getProperty(key);
                if (text.matches("(?s).*\\{\\d+[^}]*}.*") && text.replace("''", "").contains("'")) {
                    broken.add(bundle.getFilename() + ": " + key);
                }
            }
        }
        assertThat(broken).as("messages with arguments and a single apostrophe").isEmpty();
    }

    @Test
    void chineseMessagesAreChinese() throws IOException {
        Properties zh = load("messages.properties");
        assertThat(zh.getProperty("identity.bad-credentials")).contains("密码");
    }

    private static void assertSameKeys(String chinese, String english) throws IOException {
        Properties zh = load(chinese);
        Properties en = load(english);
        assertThat(zh.stringPropertyNames()).as(chinese + " vs " + english).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        var stream = MessagesTest.class.getResourceAsStream("/" + resource);
        assertThat(stream).as("bundle " + resource).isNotNull();
        try (var in = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
