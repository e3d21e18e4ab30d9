package bench.ours;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import bench.logic.BenchSecurityConfiguration;
import bench.logic.BenchService;

/** The benchmark logic as REST endpoints, published as MCP tools by the starter. */
@SpringBootApplication
@Import(BenchSecurityConfiguration.class)
public class BenchOursApplication {

	@Bean
	BenchService benchService() {
		return new BenchService();
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchOursApplication.class, args);
	}

}
