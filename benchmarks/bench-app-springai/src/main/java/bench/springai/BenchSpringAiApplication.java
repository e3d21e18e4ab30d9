package bench.springai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import bench.logic.BenchSecurityConfiguration;
import bench.logic.BenchService;

/** The benchmark logic published by Spring AI's MCP server (WebMVC), behind the same JWT security. */
@SpringBootApplication
@Import(BenchSecurityConfiguration.class)
public class BenchSpringAiApplication {

	@Bean
	BenchService benchService() {
		return new BenchService();
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchSpringAiApplication.class, args);
	}

}
