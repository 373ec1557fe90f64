package dev.bearerguard.sample;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /reports/*}: a plain servlet with no security code of its own. Only the servlet
 * filter's {@code scope-rules} in web.xml guard it ({@code reports.read}).
 */
public final class ReportsServlet extends JsonServlet {

    private static final List<Map<String, Object>> REPORTS = List.of(
            report("daily-transactions", "Daily transactions"),
            report("monthly-settlements", "Monthly settlements"));

    private static Map<String, Object> report(String id, String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", "report");
        r.put("id", id);
        r.put("name", name);
        r.put("schedule", id.startsWith("daily") ? "daily" : "monthly");
        return r;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String info = request.getPathInfo();
        if (info == null || info.equals("/")) {
            write(response, 200, MockData.page(REPORTS));
            return;
        }
        String id = info.substring(1);
        for (Map<String, Object> r : REPORTS) {
            if (r.get("id").equals(id)) {
                write(response, 200, r);
                return;
            }
        }
        write(response, 404, Problems.body(404, "not_found", "report not found"));
    }
}
