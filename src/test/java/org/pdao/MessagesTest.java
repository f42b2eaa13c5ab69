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
