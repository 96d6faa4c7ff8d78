package io.genmod;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the genmod service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GenmodApplication {

    public static void main(String[] args) {
        SpringApplication.run(GenmodApplication.class, args);
    }
}
