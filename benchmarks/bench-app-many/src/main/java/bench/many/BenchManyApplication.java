package bench.many;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import bench.logic.BenchSecurityConfiguration;
import bench.logic.BenchService;

/** An application with 1,000 generated annotated endpoints, for startup and discovery time. */
@SpringBootApplication
@Import(BenchSecurityConfiguration.class)
public class BenchManyApplication {

	@Bean
	BenchService benchService() {
		return new BenchService();
	}

	public static void main(String[] args) {
		SpringApplication.run(BenchManyApplication.class, args);
	}

}
