package org.pdao;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** PDAO: the public data authorized operation platform (公共数据授权运营平台). */
@SpringBootApplication
@EnableScheduling
public class PdaoApplication {

    public static void main(String[] args) {
        SpringApplication.run(PdaoApplication.class, args);
    }
}
