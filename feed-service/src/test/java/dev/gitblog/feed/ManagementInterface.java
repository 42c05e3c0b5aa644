package dev.gitblog.feed;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.specification.RequestSpecification;
import java.net.URI;

/**
 * Requests to the service's management interface (/q/health, /q/metrics, /q/openapi): its own port, a free one
 * in tests (quarkus.management.test-port=0). The public port answers none of these paths.
 */
public final class ManagementInterface {
    private ManagementInterface() {
    }

    /** Like {@code given()}, aimed at the management port; paths stay absolute ({@code /q/health/ready}). */
    public static RequestSpecification management() {
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return given().baseUri(uri.getScheme() + "://" + uri.getHost()).port(uri.getPort());
    }
}
