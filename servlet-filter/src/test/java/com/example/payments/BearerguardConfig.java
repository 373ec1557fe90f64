package com.example.payments;

import dev.bearerguard.servlet.BearerTokenFilter;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

// README example begins
@Configuration(proxyBeanMethods = false)
public class BearerguardConfig {

    @Bean
    public FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(@Value("${myapi.trusted-keys}") String keys) {
        FilterRegistrationBean<BearerTokenFilter> bearer = new FilterRegistrationBean<>(new BearerTokenFilter());
        bearer.setInitParameters(Map.of(                   // the web.xml init-params, as a map
                "keys", keys,                              // e.g. /etc/myapi/trusted-keys/
                "realm", "payments",
                "scope-rules", """
                        GET  /health         public
                        GET  /transactions/* transactions.read
                        POST /transactions/* transactions.write
                        """));
        bearer.addUrlPatterns("/*");
        bearer.setAsyncSupported(true);
        return bearer;
    }
}
// README example ends
