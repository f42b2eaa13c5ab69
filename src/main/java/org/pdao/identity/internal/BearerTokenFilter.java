package org.pdao.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer pdao_…} on every request against the session table,
 * so that a revoked, idle or expired session, a disabled user or a suspended organization loses
 * access on its very next request.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String ENDED_ATTRIBUTE = "pdao.session-ended";

    private final LoginService logins;

    BearerTokenFilter(LoginService logins) {
        this.logins = logins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            LoginService.SessionCheck check = logins.check(token);
            if (check.user() != null) {
                UserAccount user = check.user();
                Actor actor = new Actor(user.id(), user.username(), user.organizationId(),
                        user.roles().stream().map(Enum::name).toList(), request.getRemoteAddr());
                var authentication = new UsernamePasswordAuthenticationToken(actor, token, authorities(user));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } else {
                request.setAttribute(ENDED_ATTRIBUTE, check.endedBecause());
            }
        }
        chain.doFilter(request, response);
    }

    static List<GrantedAuthority> authorities(UserAccount user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Role role : user.roles()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
            role.permissions().forEach(p -> {
                SimpleGrantedAuthority authority = new SimpleGrantedAuthority(p.name());
                if (!authorities.contains(authority)) {
                    authorities.add(authority);
                }
            });
        }
        return authorities;
    }
}
